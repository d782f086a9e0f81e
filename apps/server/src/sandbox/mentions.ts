import { encodePageToken, idParam, intParam, listParam, pageTokenParam, timeParam, type Query } from './api-params.ts';
import { compareIds } from './snowflake.ts';
import type { SandboxState, Tweet } from './state.ts';
import { EXPANSIONS, TWEET_FIELDS, USER_FIELDS, referencedTweets, v2Tweet, v2User } from './x-format.ts';

/**
 * GET /2/users/:id/mentions as X serves it: newest first, `since_id`/`until_id` exclusive, `start_time`/`end_time`,
 * 5–100 per page, opaque `next_token`/`previous_token`, and only the latest 800 mentions reachable at all — a
 * connector that was down too long has to notice the gap, it cannot page back past it.
 */
export const MENTIONS_WINDOW = 800;

export function readMentions(state: SandboxState, userId: string, query: Query): Record<string, unknown> {
  return readTweetPage(state, state.mentionsOf(userId, MENTIONS_WINDOW), query);
}

/**
 * One page of a v2 tweet timeline (mentions, a user's own posts) from its reachable posts, newest first: the
 * paging, time and id bounds, fields and expansions X's timelines share.
 */
export function readTweetPage(state: SandboxState, reachable: Tweet[], query: Query): Record<string, unknown> {
  const maxResults = intParam(query, 'max_results', 5, 100, 10);
  const sinceId = idParam(query, 'since_id');
  const untilId = idParam(query, 'until_id');
  const startTime = timeParam(query, 'start_time');
  const endTime = timeParam(query, 'end_time');
  const token = pageTokenParam(query, 'pagination_token');
  const tweetFields = listParam(query, 'tweet.fields', TWEET_FIELDS);
  const userFields = listParam(query, 'user.fields', USER_FIELDS);
  const expansions = listParam(query, 'expansions', EXPANSIONS);

  const matching = reachable.filter(
    (t) =>
      (sinceId === undefined || compareIds(t.id, sinceId) > 0) &&
      (untilId === undefined || compareIds(t.id, untilId) < 0) &&
      (startTime === undefined || t.createdAt >= startTime) &&
      (endTime === undefined || t.createdAt <= endTime),
  );
  let page: Tweet[];
  if (token?.direction === 'previous') {
    // The page just newer than the boundary: the `maxResults` oldest of the newer posts, still newest first.
    const newer = matching.filter((t) => compareIds(t.id, token.boundaryId) > 0);
    page = newer.slice(Math.max(0, newer.length - maxResults));
  } else {
    const older = token ? matching.filter((t) => compareIds(t.id, token.boundaryId) < 0) : matching;
    page = older.slice(0, maxResults);
  }
  if (page.length === 0) return { meta: { result_count: 0 } };

  const newest = page[0]!;
  const oldest = page[page.length - 1]!;
  const meta: Record<string, unknown> = { result_count: page.length, newest_id: newest.id, oldest_id: oldest.id };
  if (matching.some((t) => compareIds(t.id, oldest.id) < 0))
    meta.next_token = encodePageToken({ direction: 'next', boundaryId: oldest.id });
  if (token && matching.some((t) => compareIds(t.id, newest.id) > 0))
    meta.previous_token = encodePageToken({ direction: 'previous', boundaryId: newest.id });

  const includes = expand(state, page, expansions, tweetFields, userFields);
  return {
    data: page.map((t) => v2Tweet(t, tweetFields)),
    ...(Object.keys(includes).length > 0 ? { includes } : {}),
    meta,
  };
}

/** `includes.users` / `includes.tweets` for the requested expansions, each object once. */
function expand(
  state: SandboxState,
  page: Tweet[],
  expansions: ReadonlySet<string>,
  tweetFields: ReadonlySet<string>,
  userFields: ReadonlySet<string>,
): { users?: unknown[]; tweets?: unknown[] } {
  const userIds = new Set<string>();
  const referenced = new Map<string, Tweet>();
  for (const tweet of page) {
    if (expansions.has('author_id')) userIds.add(tweet.authorId);
    if (expansions.has('in_reply_to_user_id') && tweet.inReplyToUserId) userIds.add(tweet.inReplyToUserId);
    for (const ref of referencedTweets(tweet)) {
      const target = state.liveTweet(ref.id);
      if (!target) continue;
      if (expansions.has('referenced_tweets.id')) referenced.set(target.id, target);
      if (expansions.has('referenced_tweets.id.author_id')) userIds.add(target.authorId);
    }
  }
  const users = [...userIds].flatMap((id) => {
    const account = state.accounts.get(id);
    return account ? [v2User(account, userFields, state.timelineOf(id).length)] : [];
  });
  return {
    ...(users.length > 0 ? { users } : {}),
    ...(referenced.size > 0 ? { tweets: [...referenced.values()].map((t) => v2Tweet(t, tweetFields)) } : {}),
  };
}
