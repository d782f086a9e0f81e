import { POLLING_INTERVAL } from '@perch/shared';
import { z } from 'zod';

/**
 * The non-secret `Channel.config` of an X channel, as the polling connector and the channel list read it:
 *
 * - settings (`channels.configurePolling`): `polling: { enabled, intervalSeconds, epoch }` and `apiBaseUrl`;
 * - connector state: `sinceId` (the cursor), `lastPolledAt`, `nextPollAt`;
 * - `gap`: a warning that X's 800-mention window may have cut mentions off (see `gapAfterPoll`).
 *
 * Each field is read on its own: one that does not parse counts as absent, the others still apply.
 */

/** X's mentions timeline reaches back this many posts, whatever `since_id` says. */
export const X_MENTIONS_WINDOW = 800;

const xId = z.string().regex(/^\d{1,20}$/);
const instant = z.iso.datetime({ offset: true });

const pollingSchema = z.object({
  enabled: z.boolean(),
  intervalSeconds: z.int().min(POLLING_INTERVAL.min).max(POLLING_INTERVAL.max).optional(),
  /** Bumped by every configuration: a poll job of an older epoch stops instead of polling and rescheduling. */
  epoch: z.int().nonnegative().optional(),
});

const gapSchema = z.object({
  detectedAt: instant,
  /** The cursor Perch had (the newest mention it knew) when the poll ran. */
  newestKnownId: xId,
  /** The oldest mention X still returned: mentions between the two may be missing. */
  oldestFetchedId: xId,
  /** The last successful poll before the gap, and when the oldest fetched mention was posted, when known. */
  since: instant.optional(),
  until: instant.optional(),
});
export type PollingGap = z.infer<typeof gapSchema>;

export interface XChannelConfig {
  apiBaseUrl?: string;
  sinceId?: string;
  lastPolledAt?: string;
  nextPollAt?: string;
  polling?: z.infer<typeof pollingSchema>;
  gap?: PollingGap;
}

function field<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export function readXChannelConfig(config: unknown): XChannelConfig {
  const c: Record<string, unknown> =
    typeof config === 'object' && config !== null && !Array.isArray(config) ? (config as Record<string, unknown>) : {};
  const out: XChannelConfig = {};
  const apiBaseUrl = field(z.string().min(1).max(2048), c.apiBaseUrl);
  const sinceId = field(xId, c.sinceId);
  const lastPolledAt = field(instant, c.lastPolledAt);
  const nextPollAt = field(instant, c.nextPollAt);
  const polling = field(pollingSchema, c.polling);
  const gap = field(gapSchema, c.gap);
  if (apiBaseUrl !== undefined) out.apiBaseUrl = apiBaseUrl;
  if (sinceId !== undefined) out.sinceId = sinceId;
  if (lastPolledAt !== undefined) out.lastPolledAt = lastPolledAt;
  if (nextPollAt !== undefined) out.nextPollAt = nextPollAt;
  if (polling !== undefined) out.polling = polling;
  if (gap !== undefined) out.gap = gap;
  return out;
}

/** What the channel list shows of an X channel's polling. */
export function pollingStateOf(config: unknown) {
  const c = readXChannelConfig(config);
  const enabled = c.polling?.enabled ?? false;
  return {
    enabled,
    intervalSeconds: c.polling?.intervalSeconds ?? POLLING_INTERVAL.default,
    /** A custom API base URL, or null for X's own API. */
    apiBaseUrl: c.apiBaseUrl ?? null,
    lastPolledAt: c.lastPolledAt ?? null,
    nextPollAt: enabled ? (c.nextPollAt ?? null) : null,
    gap: c.gap ?? null,
  };
}
export type PollingState = ReturnType<typeof pollingStateOf>;

/** Orders X ids (unsigned 64-bit integers as decimal strings) without losing precision. */
export function compareXIds(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  return x.length !== y.length ? x.length - y.length : x < y ? -1 : x > y ? 1 : 0;
}

export interface PollOutcome {
  /** The cursor the poll started from. */
  sinceId: string | undefined;
  /** Posts X returned over every page of the poll. */
  fetched: number;
  /** The oldest post returned, and when it was posted. */
  oldestId: string | undefined;
  oldestAt: string | undefined;
}

/**
 * R5: X returns at most the latest 800 mentions. When a catch-up poll from `since_id` ran to the end of the
 * pagination and got the whole window (800 posts), all still newer than the cursor, the mentions posted between
 * the cursor and the oldest returned post may be out of reach: a possible gap, to fill with a history import.
 * A new gap while an older one is still shown widens it (from the older lower bound to the newer upper bound), so
 * no range is ever dropped from the warning. Returns the gap to record, or undefined when there is none.
 */
export function gapAfterPoll(
  outcome: PollOutcome,
  previous: { gap?: PollingGap | undefined; lastPolledAt?: string | undefined },
  now: Date,
): PollingGap | undefined {
  const { sinceId, oldestId } = outcome;
  if (!sinceId || !oldestId || outcome.fetched < X_MENTIONS_WINDOW) return undefined;
  if (compareXIds(oldestId, sinceId) <= 0) return undefined;
  const since = previous.gap ? previous.gap.since : previous.lastPolledAt;
  return {
    detectedAt: now.toISOString(),
    newestKnownId: previous.gap?.newestKnownId ?? sinceId,
    oldestFetchedId: oldestId,
    ...(since ? { since } : {}),
    ...(outcome.oldestAt ? { until: outcome.oldestAt } : {}),
  };
}
