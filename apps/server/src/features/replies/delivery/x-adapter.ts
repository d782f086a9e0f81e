import { z } from 'zod';
import { readXChannelConfig } from '../../channels/polling-config.ts';
import type { ChannelSecrets } from '../../channels/channel-secrets.ts';
import {
  clip,
  outcomeOfError,
  outcomeOfStatus,
  reasonOf,
  type AttemptOutcome,
  type OutcomeClock,
} from './attempt-outcome.ts';
import { backoffMs, rateLimitResetAt } from './backoff.ts';
import { parseJson, readBody, send, type DeliveryHttp } from './delivery-http.ts';
import type { ClaimedReply } from './delivery.repository.ts';
import { sameText } from './same-text.ts';

/**
 * Replies on X (API v2, the brand's user token): a public reply is `POST /2/tweets` with
 * `reply.in_reply_to_tweet_id`, a direct message `POST /2/dm_conversations/with/:id/messages`. After an attempt
 * whose outcome is unknown, `findOnX` looks for the post among the brand's own recent posts (or the DM
 * conversation) before anything is sent again.
 */
export const DEFAULT_X_API = 'https://api.x.com';
/** The lookup starts this long before the uncertain attempt began (clock skew between Perch and X). */
export const LOOKUP_SKEW_MS = 60_000;
/** At most this many pages of 100 are read to find a post; more than that, and the lookup is inconclusive. */
const LOOKUP_PAGES = 10;
const FIX_URL = "Fix the channel's API base URL.";

const xId = z.string().regex(/^\d{1,20}$/);

export interface XTarget {
  base: string;
  token: string;
  brandUserId: string;
}

export interface AttemptInput {
  reply: ClaimedReply;
  http: DeliveryHttp;
  clock: OutcomeClock;
}

/** The channel's X settings, or the sentence that says what to fix. */
export function xTargetOf(
  channel: { externalId: string | null; config: unknown },
  secrets: ChannelSecrets,
): XTarget | string {
  if (!secrets.accessToken) {
    return "The X channel has no user access token, so it cannot post: add the brand account's token to the channel.";
  }
  if (!channel.externalId || !xId.safeParse(channel.externalId).success) {
    return 'The X channel has no X user id: reconnect the channel.';
  }
  const base = (readXChannelConfig(channel.config).apiBaseUrl ?? DEFAULT_X_API).replace(/\/+$/, '');
  return { base, token: secrets.accessToken, brandUserId: channel.externalId };
}

/** What is missing from the reply itself to post it on X, or null. */
export function xReplyProblem(reply: ClaimedReply): string | null {
  if (reply.isDirectMessage) {
    return reply.recipientExternalId && xId.safeParse(reply.recipientExternalId).success
      ? null
      : 'The direct message has no X recipient id, so it cannot be sent.';
  }
  return reply.inReplyToExternalId && xId.safeParse(reply.inReplyToExternalId).success
    ? null
    : 'The reply names no X post to answer, so it cannot be posted.';
}

const headersOf = (t: XTarget, json: boolean): Record<string, string> => ({
  authorization: `Bearer ${t.token}`,
  accept: 'application/json',
  ...(json ? { 'content-type': 'application/json' } : {}),
});

const createdSchema = z.looseObject({
  data: z.looseObject({ id: z.string().optional(), dm_event_id: z.string().optional() }),
});

export async function sendOnX(t: XTarget, input: AttemptInput): Promise<AttemptOutcome> {
  const { reply } = input;
  const url = reply.isDirectMessage
    ? `${t.base}/2/dm_conversations/with/${encodeURIComponent(reply.recipientExternalId ?? '')}/messages`
    : `${t.base}/2/tweets`;
  const body = reply.isDirectMessage
    ? { text: reply.text }
    : { text: reply.text, reply: { in_reply_to_tweet_id: reply.inReplyToExternalId } };
  let res: Response;
  try {
    res = await send(input.http, url, { method: 'POST', headers: headersOf(t, true), body: JSON.stringify(body) });
  } catch (error) {
    return outcomeOfError(error, 'X', FIX_URL, input.clock);
  }
  const text = await readBody(res);
  if (res.status < 200 || res.status > 299) return outcomeOfStatus(res, reasonOf(res, text, 'X'), input.clock);
  const parsed = createdSchema.safeParse(parseJson(text));
  const id = parsed.success ? (reply.isDirectMessage ? parsed.data.data.dm_event_id : parsed.data.data.id) : undefined;
  if (id && xId.safeParse(id).success) return { kind: 'sent', networkId: id };
  // Accepted, but which post it made is unreadable: find it by the lookup rather than post again.
  return outcomeOfError(new Error(`X answered ${res.status} without a post id`), 'X', FIX_URL, input.clock);
}

const tweetsPage = z.looseObject({
  data: z
    .array(
      z.looseObject({
        id: z.string(),
        text: z.string(),
        referenced_tweets: z.array(z.looseObject({ type: z.string(), id: z.string() })).optional(),
      }),
    )
    .optional(),
  meta: z.looseObject({ next_token: z.string().optional() }).optional(),
  errors: z.array(z.unknown()).optional(),
});

const dmPage = z.looseObject({
  data: z
    .array(
      z.looseObject({
        id: z.string(),
        event_type: z.string().optional(),
        text: z.string().optional(),
        sender_id: z.string().optional(),
        created_at: z.string().optional(),
      }),
    )
    .optional(),
  meta: z.looseObject({ next_token: z.string().optional() }).optional(),
  errors: z.array(z.unknown()).optional(),
});

/** X wants `YYYY-MM-DDTHH:mm:ssZ`. */
const xTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A lookup that could not answer: try again later, still without sending (the post may exist). */
function lookupFailed(outcome: AttemptOutcome): AttemptOutcome {
  // A refused address (S6) stays dead: no lookup and no post can go there until the channel is fixed.
  if (outcome.kind !== 'retry') return outcome;
  return {
    ...outcome,
    error: clip(`Looking for the earlier attempt on X failed: ${outcome.error}`),
    outcomeUnknown: true,
  };
}

/**
 * Looks for the reply among what the brand posted since the uncertain attempt began: a `sent` outcome
 * (`reconciled`) when found, null when it is certainly not there, a `retry` when the lookup itself failed.
 */
export async function findOnX(t: XTarget, input: AttemptInput): Promise<AttemptOutcome | null> {
  const { reply } = input;
  const since = new Date(reply.sendingStartedAt.getTime() - LOOKUP_SKEW_MS);
  let next: string | undefined;
  for (let page = 0; page < LOOKUP_PAGES; page++) {
    const url = new URL(
      reply.isDirectMessage
        ? `${t.base}/2/dm_conversations/with/${encodeURIComponent(reply.recipientExternalId ?? '')}/dm_events`
        : `${t.base}/2/users/${encodeURIComponent(t.brandUserId)}/tweets`,
    );
    url.searchParams.set('max_results', '100');
    if (reply.isDirectMessage) {
      url.searchParams.set('dm_event.fields', 'created_at,sender_id,text');
    } else {
      url.searchParams.set('tweet.fields', 'created_at,referenced_tweets');
      url.searchParams.set('start_time', xTime(since));
    }
    if (next) url.searchParams.set('pagination_token', next);
    let res: Response | undefined;
    let text = '';
    // A page that fails with a 5xx or a network error is asked once more at once: a lookup reads several pages,
    // and one flaky page should not cost the whole attempt (a 429 waits for its reset instead).
    for (let tries = 0; tries < 2; tries++) {
      try {
        res = await send(input.http, url, { method: 'GET', headers: headersOf(t, false) });
      } catch (error) {
        if (tries === 0) continue;
        return lookupFailed(outcomeOfError(error, 'X', FIX_URL, input.clock));
      }
      text = await readBody(res);
      if (res.status < 500 || tries === 1) break;
    }
    if (!res)
      return lookupFailed({
        kind: 'retry',
        error: 'X lookup failed',
        at: new Date(input.clock.now + 60_000),
        outcomeUnknown: true,
      });
    if (res.status !== 200) {
      const { now, attempt, random } = input.clock;
      const at = res.status === 429 ? rateLimitResetAt(res.headers, now) : new Date(now + backoffMs(attempt, random));
      return lookupFailed({ kind: 'retry', error: reasonOf(res, text, 'X'), at, outcomeUnknown: true });
    }
    const body = parseJson(text);
    if (reply.isDirectMessage) {
      const parsed = dmPage.safeParse(body);
      if (!parsed.success || (!parsed.data.data && parsed.data.errors)) return unreadable(input);
      let older = false;
      for (const event of parsed.data.data ?? []) {
        const at = event.created_at ? Date.parse(event.created_at) : NaN;
        if (Number.isFinite(at) && at < since.getTime()) older = true;
        if (
          (event.event_type ?? 'MessageCreate') === 'MessageCreate' &&
          event.sender_id === t.brandUserId &&
          event.text !== undefined &&
          !(at < since.getTime()) &&
          sameText(reply.text, event.text)
        ) {
          return { kind: 'sent', networkId: event.id, reconciled: true };
        }
      }
      // Newest first: once events are older than the window, the rest are too.
      next = older ? undefined : parsed.data.meta?.next_token;
    } else {
      const parsed = tweetsPage.safeParse(body);
      if (!parsed.success || (!parsed.data.data && parsed.data.errors)) return unreadable(input);
      const found = (parsed.data.data ?? []).find(
        (post) =>
          (post.referenced_tweets ?? []).some((r) => r.type === 'replied_to' && r.id === reply.inReplyToExternalId) &&
          sameText(reply.text, post.text),
      );
      if (found) return { kind: 'sent', networkId: found.id, reconciled: true };
      next = parsed.data.meta?.next_token;
    }
    if (!next) return null;
  }
  return lookupFailed({
    kind: 'retry',
    error: 'too many posts since the earlier attempt to be sure it was not made',
    at: new Date(input.clock.now + 60_000),
    outcomeUnknown: true,
  });
}

const unreadable = (input: AttemptInput): AttemptOutcome =>
  lookupFailed({
    kind: 'retry',
    error: 'X answered the lookup with something unreadable',
    at: new Date(input.clock.now + 60_000),
    outcomeUnknown: true,
  });
