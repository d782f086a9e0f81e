import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { Queue } from '../../queue/queue.ts';
import { getChannelForIngest } from '../channels/channels.repository.ts';
import { activeWebhookSecrets, openChannelSecrets } from '../channels/channel-secrets.ts';
import { parseGenericWebhook } from './generic-webhook.ts';
import { createInboundAcceptor } from './ingest.service.ts';
import { verifyStandardWebhook, verifyXSignature, xCrcResponse } from './signatures.ts';
import { parseXActivity, PayloadError } from './x-activity.ts';

/** Largest ingest body (a generic webhook may carry up to 500 mentions). Larger → 413. */
export const INGEST_BODY_LIMIT = 5 * 1024 * 1024;

const channelParams = z.object({ channelId: z.uuid() });
const crcQuery = z.object({ crc_token: z.string().min(1).max(300) });

export interface IngestDeps {
  db: Database;
  queue: Queue;
  secretKey: Buffer;
  /** false: each request commits alone (the P2 benchmark's baseline). Default true. */
  groupCommit?: boolean;
}

/** How long a channel and its opened secrets are reused between webhook requests. */
const CHANNEL_CACHE_MS = 5_000;

/**
 * Raw webhook routes (not tRPC: they need the raw bytes for signatures, and plain Fastify is far faster).
 * Order on every POST: channel → signature on the raw body (401, nothing written) → JSON (400) → payload (422)
 * → raw event + job committed → 2xx.
 */
export async function registerIngestRoutes(app: FastifyInstance, deps: IngestDeps) {
  await app.register(
    (scope, _options, done) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: INGEST_BODY_LIMIT }, (_req, body, done) =>
        done(null, body),
      );

      // Group commit: concurrent requests share one transaction (see createInboundAcceptor). On the embedded
      // database there is one connection, so one commit at a time; a real server takes a few in parallel.
      const acceptor = createInboundAcceptor(deps.db, deps.queue, {
        parallel: deps.db.embedded ? 1 : 3,
        ...(deps.groupCommit === false && { maxBatch: 1, parallel: Number.MAX_SAFE_INTEGER }),
      });

      // A channel and its decrypted secrets are kept for a few seconds: a webhook burst costs no lookup and no
      // decryption per request. A signature that fails on a cached entry is checked again against the database,
      // so a rotated secret works at once.
      const loadChannel = async (channelId: string) => {
        const channel = await getChannelForIngest(deps.db.prisma, channelId);
        if (!channel) return null;
        return { ...channel, secrets: openChannelSecrets(deps.secretKey, channel.organizationId, channel.secrets) };
      };
      type IngestChannel = NonNullable<Awaited<ReturnType<typeof loadChannel>>>;
      const cache = new Map<string, { channel: IngestChannel; until: number }>();
      const channelOf = async (params: unknown, kind: 'x' | 'webhook', fresh = false) => {
        const parsed = channelParams.safeParse(params);
        if (!parsed.success) return null;
        const id = parsed.data.channelId;
        const hit = cache.get(id);
        let channel = !fresh && hit && hit.until > Date.now() ? hit.channel : null;
        if (!channel) {
          channel = await loadChannel(id);
          if (channel) {
            if (cache.size > 10_000) cache.clear();
            cache.set(id, { channel, until: Date.now() + CHANNEL_CACHE_MS });
          } else cache.delete(id);
        }
        return channel && channel.kind === kind ? { channel, cached: channel === hit?.channel } : null;
      };

      // X's CRC challenge: answered at any time, in well under 3 s, proving we hold the consumer secret.
      scope.get('/x/:channelId', async (req, reply) => {
        const channel = (await channelOf(req.params, 'x'))?.channel;
        const query = crcQuery.safeParse(req.query);
        if (!channel?.secrets.consumerSecret) return notFound(reply);
        if (!query.success) return reply.code(400).send({ error: 'crc_token is required' });
        return xCrcResponse(channel.secrets.consumerSecret, query.data.crc_token);
      });

      scope.post('/x/:channelId', async (req, reply) => {
        const raw = req.body as Buffer;
        const header = req.headers['x-twitter-webhooks-signature'];
        const signature = typeof header === 'string' ? header : undefined;
        let found = await channelOf(req.params, 'x');
        const valid = (c: IngestChannel | undefined) =>
          !!c?.secrets.consumerSecret && verifyXSignature(c.secrets.consumerSecret, raw, signature);
        if (found?.cached && !valid(found.channel)) found = await channelOf(req.params, 'x', true);
        const channel = found?.channel;
        if (!channel?.secrets.consumerSecret) return notFound(reply);
        if (!valid(channel)) return reply.code(401).send({ error: 'invalid signature' });
        const json = parseJson(raw);
        if (!json.ok) return reply.code(400).send({ error: json.error });
        let activity;
        try {
          activity = parseXActivity(json.value);
        } catch (error) {
          if (error instanceof PayloadError) return reply.code(422).send({ error: error.message });
          throw error;
        }
        if (channel.externalId && activity.forUserId !== channel.externalId) {
          return reply.code(422).send({ error: 'for_user_id does not match this channel' });
        }
        const useful = activity.mentions.length + activity.deletions.length;
        if (useful > 0) {
          await acceptor.accept({
            organizationId: channel.organizationId,
            channelId: channel.id,
            source: 'x_webhook',
            payload: json.value as object,
          });
        }
        if (activity.unknownEventTypes.length)
          req.log.info({ types: activity.unknownEventTypes }, 'x: unknown event types');
        return reply.code(200).send({
          accepted: activity.mentions.length,
          deletions: activity.deletions.length,
          rejected: activity.rejected,
          ignored: activity.ignored.length,
        });
      });

      scope.post('/generic/:channelId', async (req, reply) => {
        const raw = req.body as Buffer;
        const verify = (c: IngestChannel) =>
          verifyStandardWebhook({
            secrets: activeWebhookSecrets(c.secrets, new Date()),
            headers: req.headers,
            rawBody: raw,
            nowSec: Math.floor(Date.now() / 1000),
          });
        let found = await channelOf(req.params, 'webhook');
        let verdict = found ? verify(found.channel) : null;
        if (found?.cached && !verdict?.ok) {
          found = await channelOf(req.params, 'webhook', true);
          verdict = found ? verify(found.channel) : null;
        }
        const channel = found?.channel;
        if (!channel || !verdict) return notFound(reply);
        if (!verdict.ok) return reply.code(401).send({ error: `invalid signature (${verdict.reason})` });
        const json = parseJson(raw);
        if (!json.ok) return reply.code(400).send({ error: json.error });
        let parsed;
        try {
          parsed = parseGenericWebhook(json.value);
        } catch (error) {
          if (error instanceof PayloadError) return reply.code(422).send({ error: error.message });
          throw error;
        }
        if (parsed.mentions.length === 0)
          return reply.code(422).send({ error: 'no valid mention', rejected: parsed.rejected });
        await acceptor.accept({
          organizationId: channel.organizationId,
          channelId: channel.id,
          source: 'generic_webhook',
          payload: json.value as object,
        });
        return reply.code(200).send({ accepted: parsed.mentions.length, rejected: parsed.rejected });
      });
      done();
    },
    { prefix: '/webhooks' },
  );
}

function notFound(reply: FastifyReply) {
  return reply.code(404).send({ error: 'unknown channel' });
}

/** Strict UTF-8 then JSON: invalid bytes are a clear 400, never silently replaced. */
function parseJson(raw: Buffer): { ok: true; value: unknown } | { ok: false; error: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return { ok: false, error: 'body is not valid UTF-8' };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: `malformed JSON: ${(error as Error).message}` };
  }
}
