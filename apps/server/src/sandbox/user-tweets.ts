import { listParam, type Query } from './api-params.ts';
import { readTweetPage } from './mentions.ts';
import type { SandboxState } from './state.ts';

/**
 * GET /2/users/:id/tweets: the user's own posts, newest first, with the mentions timeline's paging and fields.
 * X reaches the latest 3,200 of them; `exclude=replies` (or `retweets`, which the sandbox has none of) narrows.
 */
export const USER_TWEETS_WINDOW = 3200;
const EXCLUDE: ReadonlySet<string> = new Set(['retweets', 'replies']);

export function readUserTweets(state: SandboxState, userId: string, query: Query): Record<string, unknown> {
  const exclude = listParam(query, 'exclude', EXCLUDE);
  const reachable = state
    .timelineOf(userId)
    .slice(0, USER_TWEETS_WINDOW)
    .filter((t) => !(exclude.has('replies') && t.inReplyToTweetId !== null));
  return readTweetPage(state, reachable, query);
}
