import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { Logger } from '../../logger.ts';
import { QUEUES, type Queue } from '../../queue/queue.ts';
import { openChannelSecrets } from '../channels/channel-secrets.ts';
import type { JsonPayload } from './ingest.repository.ts';
import { acceptInbound } from './ingest.service.ts';
import { getChannelForPolling, savePollCursor, setChannelError } from './x-polling.repository.ts';

/**
 * The X API v2 polling connector, for brands without webhooks: reads the mentions timeline newer than the
 * channel's cursor (`config.sinceId`), page by page, and hands each page to `acceptInbound` (source `x_poll`; the
 * worker parses it with `parseXv2MentionsPage`). The cursor moves only after every page was accepted, so a crash
 * or a rate limit half-way re-fetches rather than skips; duplicates are harmless (stored once per external id).
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
  fetch?: typeof fetch;
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
}

/** Thrown for transient failures (network, timeout, 5xx, unreadable answer): the job queue retries with back-off. */
export class XPollError extends Error {
  override name = 'XPollError';
}

const configSchema = z.looseObject({
  apiBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
  sinceId: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
});

const pageSchema = z.looseObject({
  data: z.array(z.unknown()).optional(),
  meta: z.looseObject({ newest_id: z.string().optional(), next_token: z.string().optional() }).optional(),
  errors: z.array(z.looseObject({ title: z.string().optional(), detail: z.string().optional() })).optional(),
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
  const doFetch = deps.fetch ?? fetch;
  const db = deps.db.prisma;
  const channel = await getChannelForPolling(db, channelId);
  if (!channel || channel.kind !== 'x') throw new XPollError(`X poll: no X channel ${channelId}`);
  const fail = async (message: string): Promise<PollResult> => {
    await setChannelError(db, channelId, message);
    return { fetched: 0, pages: 0, error: message };
  };
  const config = configSchema.safeParse(channel.config ?? {});
  if (!config.success) return fail(`X polling: bad channel config (${config.error.issues[0]?.message ?? ''})`);
  const token = openChannelSecrets(deps.secretKey, channel.organizationId, channel.secrets).accessToken;
  if (!token) return fail('X polling: the channel has no access token');
  if (!channel.externalId) return fail('X polling: the channel has no X user id');

  const base = (config.data.apiBaseUrl ?? DEFAULT_X_API_BASE_URL).replace(/\/+$/, '');
  const sinceId = config.data.sinceId;
  let fetched = 0;
  let pages = 0;
  let newestId: string | undefined;
  let nextToken: string | undefined;
  for (;;) {
    const url = new URL(`${base}/2/users/${encodeURIComponent(channel.externalId)}/mentions`);
    if (sinceId) url.searchParams.set('since_id', sinceId);
    url.searchParams.set('max_results', '100');
    if (nextToken) url.searchParams.set('pagination_token', nextToken);
    url.searchParams.set('tweet.fields', TWEET_FIELDS);
    url.searchParams.set('expansions', 'author_id');
    url.searchParams.set('user.fields', USER_FIELDS);
    let res: Response;
    try {
      res = await doFetch(url, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(deps.timeoutMs ?? REQUEST_TIMEOUT_MS),
        redirect: 'error',
      });
    } catch (error) {
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
      await acceptInbound(db, deps.queue, {
        organizationId: channel.organizationId,
        channelId,
        source: 'x_poll',
        payload: body as JsonPayload,
      });
      fetched += page.data.length;
    }
    nextToken = page.meta?.next_token;
    const exhausted = res.headers.get('x-rate-limit-remaining') === '0';
    // Budget spent with pages left: stop without moving the cursor; the next poll starts over from `sinceId`.
    if (nextToken && exhausted) return { fetched, pages, waitUntil: resetOf(res, now()) };
    if (!nextToken) {
      await savePollCursor(db, channelId, channel.config, {
        ...(newestId ? { sinceId: newestId } : {}),
        lastPolledAt: new Date(now()).toISOString(),
      });
      return exhausted ? { fetched, pages, waitUntil: resetOf(res, now()) } : { fetched, pages };
    }
  }
}

export interface PollJob {
  channelId: string;
}

const pollKey = (channelId: string) => `x-poll:${channelId}`;

/** Starts (or keeps) polling a channel: one waiting poll per channel, whatever the number of calls. */
export async function schedulePolling(queue: Queue, channelId: string, startAfter?: Date): Promise<boolean> {
  return queue.enqueue(QUEUES.poll.name, { channelId } satisfies PollJob, {
    singletonKey: pollKey(channelId),
    ...(startAfter ? { startAfter } : {}),
  });
}

/**
 * Works `ingest.poll` jobs: polls the channel, then schedules its next poll (after the rate-limit reset, or after
 * `intervalMs`). A thrown error (5xx, timeout) leaves the job to pg-boss, which retries it with back-off; the
 * retried job schedules the next poll once it succeeds.
 */
export async function startPollingWorker(deps: PollDeps & { intervalMs?: number }, log: Logger): Promise<void> {
  const now = deps.now ?? Date.now;
  await deps.queue.work<PollJob>(QUEUES.poll.name, async (job) => {
    const { channelId } = job.data;
    const channel = await getChannelForPolling(deps.db.prisma, channelId);
    if (!channel || channel.kind !== 'x') {
      log.info({ channelId }, 'x poll: channel gone, polling stopped');
      return;
    }
    const result = await pollXMentions(deps, channelId);
    log.debug({ channelId, ...result }, 'x poll: done');
    const next =
      result.waitUntil ??
      new Date(now() + (result.error ? AUTH_ERROR_INTERVAL_MS : (deps.intervalMs ?? POLL_INTERVAL_MS)));
    await schedulePolling(deps.queue, channelId, next);
  });
}
