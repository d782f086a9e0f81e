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

/** How often an X channel may be polled, in seconds (X allows 450 mention reads per 15 minutes per app). */
export const POLLING_INTERVAL = { min: 30, max: 3600, default: 60 } as const;
export const API_BASE_URL_MAX = 500;

/**
 * Polling of an X channel (for accounts without the Account Activity webhook). `apiBaseUrl` replaces X's own API
 * (a proxy or a compatible service): a URL sets it, null goes back to X's API, absent leaves it as it is. The
 * server refuses non-public destinations.
 */
export const configurePollingInput = z.strictObject({
  ...org,
  channelId: idSchema,
  enabled: z.boolean(),
  intervalSeconds: z.int().min(POLLING_INTERVAL.min).max(POLLING_INTERVAL.max),
  apiBaseUrl: z
    .string()
    .trim()
    .max(API_BASE_URL_MAX)
    .pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }))
    .nullish(),
});

/**
 * Where a generic webhook channel's replies go: Perch POSTs each reply there, signed like the inbound webhooks
 * (Standard Webhooks, the channel's signing secret), `webhook-id` = the reply's id. Null turns outbound replies off.
 * The server refuses non-public destinations (S6), here and again at every send.
 */
export const configureReplyWebhookInput = z.strictObject({
  ...org,
  channelId: idSchema,
  url: z
    .string()
    .trim()
    .max(API_BASE_URL_MAX)
    .pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }))
    .nullable(),
});
