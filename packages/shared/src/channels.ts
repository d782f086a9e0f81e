import { z } from 'zod';
import { idSchema, LIMITS, text } from './limits.ts';

const org = { organizationId: idSchema };

/** An X account connected through the Account Activity webhook (and, later, polling). */
export const createXChannelInput = z.strictObject({
  ...org,
  brandId: idSchema,
  name: text(LIMITS.name),
  /** The brand account's numeric X user id (`for_user_id` in webhook payloads). */
  xUserId: z.string().regex(/^\d{1,20}$/, 'must be a numeric X user id'),
  consumerSecret: z.string().min(10).max(200),
  accessToken: z.string().min(10).max(500).optional(),
});

/** A generic signed webhook (Standard Webhooks) for other networks. */
export const createWebhookChannelInput = z.strictObject({ ...org, brandId: idSchema, name: text(LIMITS.name) });

export const channelIdInput = z.strictObject({ ...org, channelId: idSchema });

export const CHANNEL_KINDS = ['x', 'webhook', 'import', 'sandbox'] as const;
