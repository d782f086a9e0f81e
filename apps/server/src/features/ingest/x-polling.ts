import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { guardedFetch, UnsafeUrlError, type Resolver } from '../../lib/ssrf-guard.ts';
import type { Logger } from '../../logger.ts';
import { QUEUES, type Queue } from '../../queue/queue.ts';
import { openChannelSecrets } from '../channels/channel-secrets.ts';
import { compareXIds, gapAfterPoll, readXChannelConfig, type PollingGap } from '../channels/polling-config.ts';
import type { JsonPayload } from './ingest.repository.ts';
import { acceptInbound } from './ingest.service.ts';
import { getChannelForPolling, saveNextPoll, savePollCursor, setChannelError } from './x-polling.repository.ts';

/**
 * The X API v2 polling connector, for brands without webhooks: reads the mentions timeline newer than the
 * channel's cursor (`config.sinceId`), page by page, and hands each page to `acceptInbound` (source `x_poll`; the
 * worker parses it with `parseXv2MentionsPage`). The cursor moves only after every page was accepted, so a crash
 * or a rate limit half-way re-fetches rather than skips; duplicates are harmless (stored once per external id).
 * Every request goes through the SSRF guard (S6): a channel's `apiBaseUrl` may come from an admin.
 */

export const DEFAULT_X_API_BASE_URL = 'https://api.x.com';
export const POLL_INTERVAL_MS = 60_000;
/** After an authentication failure, keep trying (slowly) so that a fixed token resumes polling by itself. */
export const AUTH_ERROR_INTERVAL_MS = 15 * 60_000;
const REQUEST_TIMEOUT_MS = 10_000;
/** X's window is 15 minutes: the fallback when a 429 comes without a usable reset header. */
const RATE_WINDOW_MS = 15 * 60_000;

const TWEET_FIELDS = 'created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets';
const USER_FIELDS = 'username,name,verified,public_metrics';

export interface PollDeps {
  db: Database;
  queue: Queue;
  secretKey: Buffer;
  /**
   * Origins from Perch's own configuration that may be private (the sandbox X network on 127.0.0.1 in the demo
   * and the tests). Never from user input: a channel's `apiBaseUrl` must be public unless it is listed here.
   */
  trustedOrigins?: readonly string[];
  /** DNS for the guarded requests (tests). */
  resolve?: Resolver;
  now?: () => number;
  /** Per request (default 10 s). */
  timeoutMs?: number;
}

export interface PollResult {
  fetched: number;
  pages: number;
  /** Rate-limited: do not poll this channel before then. */
  waitUntil?: Date;
  /** A permanent failure recorded on the channel (`lastError`): bad token, forbidden, unknown user, bad request. */
  error?: string;
  /** X's 800-mention window was exceeded: the possible gap recorded on the channel. */
  gap?: PollingGap;
}

/** Thrown for transient failures (network, timeout, 5xx, unreadable answer): the job queue retries with back-off. */
export class XPollError extends Error {
  override name = 'XPollError';
}

const pageSchema = z.looseObject({
  data: z.array(z.unknown()).optional(),
  meta: z.looseObject({ newest_id: z.string().optional(), next_token: z.string().optional() }).optional(),
  errors: z.array(z.looseObject({ title: z.string().optional(), detail: z.string().optional() })).optional(),
});

/** Just enough of a post to find the oldest one a poll returned. */
const postStampSchema = z.looseObject({
  id: z.string().regex(/^\d{1,20}$/),
  created_at: z.iso.datetime({ offset: true }).optional(),
});

function resetOf(res: Response, now: number): Date {
  const reset = Number(res.headers.get('x-rate-limit-reset'));
  return Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : new Date(now + RATE_WINDOW_MS);
}

async function problemOf(res: Response): Promise<string> {
  const body: unknown = await res.json().catch(() => null);
  const parsed = z.looseObject({ title: z.string().optional(), detail: z.string().optional() }).safeParse(body);
  const what = parsed.success ? [parsed.data.title, parsed.data.detail].filter(Boolean).join(': ') : '';
  return `X API ${res.status}${what ? ` (${what})` : ''}`;
}

export async function pollXMentions(deps: PollDeps, channelId: string): Promise<PollResult> {
  const now = deps.now ?? Date.now;
  const db = deps.db.prisma;
  const channel = await getChannelForPolling(db, channelId);
  if (!channel || channel.kind !== 'x') throw new XPollError(`X poll: no X channel ${channelId}`);
  const fail = async (message: string): Promise<PollResult> => {
    await setChannelError(db, channelId, message);
    return { fetched: 0, pages: 0, error: message };
  };
  const config = readXChannelConfig(channel.config);
  const token = openChannelSecrets(deps.secretKey, channel.organizationId, channel.secrets).accessToken;
  if (!token) return fail('X polling: the channel has no access token');
  if (!channel.externalId) return fail('X polling: the channel has no X user id');

  const base = (config.apiBaseUrl ?? DEFAULT_X_API_BASE_URL).replace(/\/+$/, '');
  const sinceId = config.sinceId;
  let fetched = 0;
  let pages = 0;
  let newestId: string | undefined;
  let oldest: { id: string; at: string | undefined } | undefined;
  let nextToken: string | undefined;
  for (;;) {
    const url = URL.parse(`${base}/2/users/${encodeURIComponent(channel.externalId)}/mentions`);
    if (!url) return fail('X polling: the API base URL is not a valid URL');
    if (sinceId) url.searchParams.set('since_id', sinceId);
    url.searchParams.set('max_results', '100');
    if (nextToken) url.searchParams.set('pagination_token', nextToken);
    url.searchParams.set('tweet.fields', TWEET_FIELDS);
    url.searchParams.set('expansions', 'author_id');
    url.searchParams.set('user.fields', USER_FIELDS);
    let res: Response;
    try {
      res = await guardedFetch(url, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(deps.timeoutMs ?? REQUEST_TIMEOUT_MS),
        trustedOrigins: deps.trustedOrigins,
        ...(deps.resolve ? { resolve: deps.resolve } : {}),
      });
    } catch (error) {
      // A refused destination is a setting to fix, not a hiccup: recorded on the channel, not retried.
      if (error instanceof UnsafeUrlError) {
        return { ...(await fail(`X polling: the API address was refused (${error.reason})`)), fetched, pages };
      }
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new XPollError(`X poll of channel ${channelId} failed: ${reason}`);
    }
    if (res.status === 429) {
      await res.body?.cancel();
      return { fetched, pages, waitUntil: resetOf(res, now()) };
    }
    if (res.status >= 500) throw new XPollError(`X poll of channel ${channelId}: ${await problemOf(res)}`);
    if (res.status !== 200) return { ...(await fail(`X polling: ${await problemOf(res)}`)), fetched, pages };
    let page: z.infer<typeof pageSchema>;
    let body: unknown;
    try {
      body = await res.json();
      page = pageSchema.parse(body);
    } catch (error) {
      throw new XPollError(`X poll of channel ${channelId}: unreadable answer (${String(error).slice(0, 200)})`);
    }
    // An unknown or suspended user: 200 with errors[] and no data or meta, as on X.
    if (!page.data && !page.meta && page.errors?.length) {
      const e = page.errors[0];
      return { ...(await fail(`X polling: ${[e?.title, e?.detail].filter(Boolean).join(': ')}`)), fetched, pages };
    }
    pages++;
    if (pages === 1) newestId = page.meta?.newest_id;
    if (page.data?.length) {
      await acceptInbound(deps.db, deps.queue, {
        organizationId: channel.organizationId,
        channelId,
        source: 'x_poll',
        payload: body as JsonPayload,
      });
      fetched += page.data.length;
      for (const post of page.data) {
        const stamp = postStampSchema.safeParse(post);
        if (stamp.success && (!oldest || compareXIds(stamp.data.id, oldest.id) < 0)) {
          oldest = { id: stamp.data.id, at: stamp.data.created_at };
        }
      }
    }
    nextToken = page.meta?.next_token;
    const exhausted = res.headers.get('x-rate-limit-remaining') === '0';
    // Budget spent with pages left: stop without moving the cursor; the next poll starts over from `sinceId`.
    if (nextToken && exhausted) return { fetched, pages, waitUntil: resetOf(res, now()) };
    if (!nextToken) {
      const gap = gapAfterPoll(
        { sinceId, fetched, oldestId: oldest?.id, oldestAt: oldest?.at },
        { gap: config.gap, lastPolledAt: config.lastPolledAt },
        new Date(now()),
      );
      await savePollCursor(db, channelId, {
        ...(newestId ? { sinceId: newestId } : {}),
        lastPolledAt: new Date(now()).toISOString(),
        ...(gap ? { gap } : {}),
      });
      return {
        fetched,
        pages,
        ...(exhausted ? { waitUntil: resetOf(res, now()) } : {}),
        ...(gap ? { gap } : {}),
      };
    }
  }
}

/** Every queued job names its organization (the dead-jobs page filters by it). */
export interface PollJob {
  channelId: string;
  organizationId: string;
  /** The configuration the poll belongs to (`config.polling.epoch`); a job of an older one stops. */
  epoch?: number;
}

const pollKey = (job: PollJob) => `x-poll:${job.channelId}:${job.epoch ?? 0}`;

/** Starts (or keeps) polling a channel: one waiting poll per channel and configuration, whatever the calls. */
export async function schedulePolling(queue: Queue, job: PollJob, startAfter?: Date): Promise<boolean> {
  const data: PollJob = {
    channelId: job.channelId,
    organizationId: job.organizationId,
    ...(job.epoch === undefined ? {} : { epoch: job.epoch }),
  };
  return queue.enqueue(QUEUES.poll.name, data, {
    singletonKey: pollKey(data),
    ...(startAfter ? { startAfter } : {}),
  });
}

/**
 * Works `ingest.poll` jobs: polls the channel if its polling is still enabled under the same configuration, then
 * schedules its next poll (after the rate-limit reset, or after the channel's interval). A disabled, deleted or
 * reconfigured channel ends the chain: nothing is rescheduled. A thrown error (5xx, timeout) leaves the job to
 * pg-boss, which retries it with back-off; the retried job schedules the next poll once it succeeds.
 */
export async function startPollingWorker(deps: PollDeps & { intervalMs?: number }, log: Logger): Promise<void> {
  const now = deps.now ?? Date.now;
  await deps.queue.work<PollJob>(QUEUES.poll.name, async (job) => {
    const { channelId, organizationId } = job.data;
    const epoch = job.data.epoch ?? 0;
    const channel = await getChannelForPolling(deps.db.prisma, channelId);
    if (!channel || channel.kind !== 'x' || channel.organizationId !== organizationId) {
      log.info({ channelId, organizationId }, 'x poll: channel gone, polling stopped');
      return;
    }
    const settings = readXChannelConfig(channel.config).polling;
    if (!settings?.enabled) {
      log.info({ channelId, organizationId }, 'x poll: polling disabled, stopped');
      return;
    }
    if ((settings.epoch ?? 0) !== epoch) {
      log.debug({ channelId, organizationId, epoch }, 'x poll: superseded by a newer configuration');
      return;
    }
    const result = await pollXMentions(deps, channelId);
    log.debug({ channelId, organizationId, ...result }, 'x poll: done');
    if (result.gap) log.warn({ channelId, organizationId, gap: result.gap }, 'x poll: possible gap (800 window)');
    const intervalMs = settings.intervalSeconds
      ? settings.intervalSeconds * 1000
      : (deps.intervalMs ?? POLL_INTERVAL_MS);
    const next = result.waitUntil ?? new Date(now() + (result.error ? AUTH_ERROR_INTERVAL_MS : intervalMs));
    await saveNextPoll(deps.db.prisma, channelId, epoch, next);
    await schedulePolling(deps.queue, { channelId, organizationId, epoch }, next);
  });
}
