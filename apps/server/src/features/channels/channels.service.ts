import type { z } from 'zod';
import type {
  channelIdInput,
  configurePollingInput,
  configureReplyWebhookInput,
  createWebhookChannelInput,
  createXChannelInput,
} from '@perch/shared';
import type { Db } from '../../db/database.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { assertPublicUrl, UnsafeUrlError, type UrlPolicy } from '../../lib/ssrf-guard.ts';
import type { Queue } from '../../queue/queue.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertOwnBrands } from '../brands/brands.service.ts';
import { newWebhookSecret } from '../ingest/signatures.ts';
import { replyUrlOf } from '../replies/delivery/webhook-adapter.ts';
import { schedulePolling } from '../ingest/x-polling.ts';
import type { OrgActor } from '../members/members.service.ts';
import {
  createChannel,
  getChannel,
  getChannelConfig,
  updateChannelConfig,
  updateChannelSecrets,
} from './channels.repository.ts';
import { activeWebhookSecrets, openChannelSecrets, sealChannelSecrets } from './channel-secrets.ts';
import { pollingStateOf, readXChannelConfig } from './polling-config.ts';

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

/** The settings part of an X channel's polling state, for the audit trail. */
function pollingSettingsOf(config: unknown) {
  const { enabled, intervalSeconds, apiBaseUrl } = pollingStateOf(config);
  return { enabled, intervalSeconds, apiBaseUrl };
}

/**
 * Turns polling of an X channel on or off, with its interval and API base URL (X's own API by default). A URL
 * from the admin must be a public http(s) destination (S6; checked again, DNS included, at every poll). Every
 * call starts a new configuration (`epoch`): enabling queues a first poll at once, and the polls of the previous
 * configuration stop by themselves instead of rescheduling.
 */
export async function configurePolling(
  db: Db,
  queue: Queue,
  actor: OrgActor,
  input: z.output<typeof configurePollingInput>,
  now = new Date(),
) {
  // A URL sets it, null (or an empty field) resets to X's API, absent keeps the current one.
  const apiBaseUrl = input.apiBaseUrl === undefined ? undefined : input.apiBaseUrl || null;
  const result = await db.$transaction(async (tx) => {
    const channel = await getChannelConfig(tx, actor.organizationId, input.channelId);
    if (!channel || channel.kind !== 'x') throw notFound('Channel');
    if (apiBaseUrl) {
      try {
        assertPublicUrl(apiBaseUrl);
      } catch (error) {
        if (!(error instanceof UnsafeUrlError)) throw error;
        throw new DomainError('VALIDATION', `API base URL refused: ${error.reason}`, {
          field: 'apiBaseUrl',
          reason: error.reason,
        });
      }
    }
    const before = readXChannelConfig(channel.config);
    const epoch = (before.polling?.epoch ?? 0) + 1;
    const set: Record<string, unknown> = {
      polling: { enabled: input.enabled, intervalSeconds: input.intervalSeconds, epoch },
      ...(apiBaseUrl ? { apiBaseUrl } : {}),
      ...(input.enabled ? { nextPollAt: now.toISOString() } : {}),
    };
    const remove = [...(apiBaseUrl === null ? ['apiBaseUrl'] : []), ...(input.enabled ? [] : ['nextPollAt'])];
    await updateChannelConfig(tx, channel.id, set, remove);
    const after = {
      enabled: input.enabled,
      intervalSeconds: input.intervalSeconds,
      apiBaseUrl: apiBaseUrl === undefined ? (before.apiBaseUrl ?? null) : apiBaseUrl,
    };
    await writeAudit(tx, actor, {
      action: 'channels.configurePolling',
      targetType: 'channel',
      targetId: channel.id,
      before: pollingSettingsOf(channel.config),
      after,
    });
    const config = { ...(channel.config as object), ...set };
    for (const key of remove) delete (config as Record<string, unknown>)[key];
    return { channelId: channel.id, epoch, polling: pollingStateOf(config) };
  });
  // After COMMIT, so that the first poll sees the new configuration.
  if (input.enabled) {
    await schedulePolling(queue, {
      channelId: result.channelId,
      organizationId: actor.organizationId,
      epoch: result.epoch,
    });
  }
  return { polling: result.polling };
}

/** Clears the "possible gap" warning of an X channel once an admin has dealt with it (e.g. imported history). */
export function dismissGapWarning(db: Db, actor: OrgActor, input: z.output<typeof channelIdInput>) {
  return db.$transaction(async (tx) => {
    const channel = await getChannelConfig(tx, actor.organizationId, input.channelId);
    if (!channel || channel.kind !== 'x') throw notFound('Channel');
    const gap = readXChannelConfig(channel.config).gap ?? null;
    await updateChannelConfig(tx, channel.id, {}, ['gap']);
    await writeAudit(tx, actor, {
      action: 'channels.dismissGapWarning',
      targetType: 'channel',
      targetId: channel.id,
      before: { gap },
      after: { gap: null },
    });
    return { dismissed: gap !== null };
  });
}

/**
 * Where a generic webhook channel's replies are POSTed (signed with the channel's secret; docs/replies.md), or
 * null to turn outbound replies off. The URL must be a public http(s) destination (S6), unless its origin is one
 * of Perch's own trusted origins (configuration, never user input); the delivery worker checks it again, DNS
 * and redirects included, at every send.
 */
export async function configureReplyWebhook(
  db: Db,
  actor: OrgActor,
  input: z.output<typeof configureReplyWebhookInput>,
  policy: UrlPolicy = {},
) {
  const replyUrl = input.url || null;
  return db.$transaction(async (tx) => {
    const channel = await getChannelConfig(tx, actor.organizationId, input.channelId);
    if (!channel || channel.kind !== 'webhook') throw notFound('Channel');
    if (replyUrl) {
      try {
        assertPublicUrl(replyUrl, policy);
      } catch (error) {
        if (!(error instanceof UnsafeUrlError)) throw error;
        throw new DomainError('VALIDATION', `Reply URL refused: ${error.reason}`, {
          field: 'url',
          reason: error.reason,
        });
      }
    }
    const before = replyUrlOf(channel.config);
    await updateChannelConfig(tx, channel.id, replyUrl ? { replyUrl } : {}, replyUrl ? [] : ['replyUrl']);
    await writeAudit(tx, actor, {
      action: 'channels.configureReplyWebhook',
      targetType: 'channel',
      targetId: channel.id,
      before: { replyUrl: before },
      after: { replyUrl },
    });
    return { channelId: channel.id, replyUrl };
  });
}
