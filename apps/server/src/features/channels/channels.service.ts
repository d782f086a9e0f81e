import type { z } from 'zod';
import type { createWebhookChannelInput, createXChannelInput } from '@perch/shared';
import type { Db } from '../../db/database.ts';
import { notFound } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertOwnBrands } from '../brands/brands.service.ts';
import { newWebhookSecret } from '../ingest/signatures.ts';
import type { OrgActor } from '../members/members.service.ts';
import { createChannel, getChannel, updateChannelSecrets } from './channels.repository.ts';
import { activeWebhookSecrets, openChannelSecrets, sealChannelSecrets } from './channel-secrets.ts';

/** How long the previous signing secret keeps working after a rotation. */
export const ROTATION_GRACE_MS = 24 * 3600_000;

export interface ChannelDeps {
  secretKey: Buffer;
  publicUrl: string;
}

export const ingestUrl = (publicUrl: string, kind: 'x' | 'webhook', channelId: string) =>
  `${publicUrl}/webhooks/${kind === 'x' ? 'x' : 'generic'}/${channelId}`;

export function createXChannel(
  db: Db,
  deps: ChannelDeps,
  actor: OrgActor,
  input: z.output<typeof createXChannelInput>,
) {
  return db.$transaction(async (tx) => {
    await assertOwnBrands(tx, actor.organizationId, [input.brandId]);
    const secrets = sealChannelSecrets(deps.secretKey, actor.organizationId, {
      consumerSecret: input.consumerSecret,
      ...(input.accessToken ? { accessToken: input.accessToken } : {}),
    });
    const channel = await createChannel(tx, {
      organizationId: actor.organizationId,
      brandId: input.brandId,
      kind: 'x',
      name: input.name,
      externalId: input.xUserId,
      secrets,
    });
    await writeAudit(tx, actor, {
      action: 'channels.createX',
      targetType: 'channel',
      targetId: channel.id,
      after: { brandId: input.brandId, name: input.name, xUserId: input.xUserId },
    });
    return { channel, webhookUrl: ingestUrl(deps.publicUrl, 'x', channel.id) };
  });
}

export function createWebhookChannel(
  db: Db,
  deps: ChannelDeps,
  actor: OrgActor,
  input: z.output<typeof createWebhookChannelInput>,
) {
  return db.$transaction(async (tx) => {
    await assertOwnBrands(tx, actor.organizationId, [input.brandId]);
    const signingSecret = newWebhookSecret();
    const channel = await createChannel(tx, {
      organizationId: actor.organizationId,
      brandId: input.brandId,
      kind: 'webhook',
      name: input.name,
      secrets: sealChannelSecrets(deps.secretKey, actor.organizationId, {
        webhookSecrets: [{ secret: signingSecret, validUntil: null }],
      }),
    });
    await writeAudit(tx, actor, {
      action: 'channels.createWebhook',
      targetType: 'channel',
      targetId: channel.id,
      after: { brandId: input.brandId, name: input.name },
    });
    // The signing secret is shown once, here; afterwards only a rotation gives a new one.
    return { channel, signingSecret, webhookUrl: ingestUrl(deps.publicUrl, 'webhook', channel.id) };
  });
}

/** A new signing secret; the previous one stays valid for the grace period so senders can switch without loss. */
export function rotateWebhookSecret(db: Db, deps: ChannelDeps, actor: OrgActor, channelId: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    const channel = await getChannel(tx, actor.organizationId, channelId);
    if (!channel || channel.kind !== 'webhook') throw notFound('Channel');
    const current = openChannelSecrets(deps.secretKey, actor.organizationId, channel.secrets);
    const graceUntil = new Date(now.getTime() + ROTATION_GRACE_MS).toISOString();
    const signingSecret = newWebhookSecret();
    const kept = activeWebhookSecrets(current, now).map((secret) => ({ secret, validUntil: graceUntil }));
    await updateChannelSecrets(
      tx,
      channel.id,
      sealChannelSecrets(deps.secretKey, actor.organizationId, {
        ...current,
        webhookSecrets: [{ secret: signingSecret, validUntil: null }, ...kept.slice(0, 1)],
      }),
    );
    await writeAudit(tx, actor, {
      action: 'channels.rotateWebhookSecret',
      targetType: 'channel',
      targetId: channel.id,
      after: { previousValidUntil: graceUntil },
    });
    return { signingSecret, previousValidUntil: graceUntil };
  });
}
