import { MENTION, type Account, type SandboxState, type Tweet } from './state.ts';

/**
 * The wire shapes of X: API v2 objects (polling) and v1.1 objects (Account Activity webhooks). Kept apart from
 * the routes so the two formats, which disagree on nearly everything (ids, dates, field names), sit side by side.
 */

/** Every `tweet.fields` value X v2 accepts; the sandbox fills the ones it can and ignores the rest, as X does. */
export const TWEET_FIELDS: ReadonlySet<string> = new Set(
  'article attachments author_id card_uri community_id context_annotations conversation_id created_at display_text_range edit_controls edit_history_tweet_ids entities geo id in_reply_to_user_id lang media_metadata non_public_metrics note_tweet organic_metrics possibly_sensitive promoted_metrics public_metrics referenced_tweets reply_settings scopes source text withheld'.split(
    ' ',
  ),
);
export const USER_FIELDS: ReadonlySet<string> = new Set(
  'affiliation connection_status created_at description entities id is_identity_verified location most_recent_tweet_id name parody pinned_tweet_id profile_banner_url profile_image_url protected public_metrics receives_your_dm subscription subscription_type url username verified verified_followers_count verified_type withheld'.split(
    ' ',
  ),
);
export const EXPANSIONS: ReadonlySet<string> = new Set(
  'attachments.media_keys attachments.media_source_tweet attachments.poll_ids author_id edit_history_tweet_ids entities.mentions.username geo.place_id in_reply_to_user_id referenced_tweets.id referenced_tweets.id.author_id'.split(
    ' ',
  ),
);

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** v1.1 date format: "Wed Oct 10 20:19:24 +0000 2018" (always UTC). */
export function v1Date(ms: number): string {
  const d = new Date(ms);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${time} +0000 ${d.getUTCFullYear()}`;
}

/** v2 date format: ISO 8601 with milliseconds ("2018-10-10T20:19:24.000Z"). */
export const v2Date = (ms: number): string => new Date(ms).toISOString();

export function v2Tweet(tweet: Tweet, fields: ReadonlySet<string>): Record<string, unknown> {
  // X returns id, text and edit_history_tweet_ids by default; everything else only when asked for.
  const out: Record<string, unknown> = { id: tweet.id, text: tweet.text, edit_history_tweet_ids: [tweet.id] };
  if (fields.has('author_id')) out.author_id = tweet.authorId;
  if (fields.has('created_at')) out.created_at = v2Date(tweet.createdAt);
  if (fields.has('conversation_id')) out.conversation_id = tweet.conversationId;
  if (fields.has('lang')) out.lang = tweet.lang ?? 'und';
  // Absent rather than null when the post is not a reply / references nothing (X omits empty fields).
  if (fields.has('in_reply_to_user_id') && tweet.inReplyToUserId) out.in_reply_to_user_id = tweet.inReplyToUserId;
  const refs = referencedTweets(tweet);
  if (fields.has('referenced_tweets') && refs.length > 0) out.referenced_tweets = refs;
  return out;
}

export function referencedTweets(tweet: Tweet): { type: 'replied_to' | 'quoted'; id: string }[] {
  const refs: { type: 'replied_to' | 'quoted'; id: string }[] = [];
  if (tweet.inReplyToTweetId) refs.push({ type: 'replied_to', id: tweet.inReplyToTweetId });
  if (tweet.quotedTweetId) refs.push({ type: 'quoted', id: tweet.quotedTweetId });
  return refs;
}

export function v2User(account: Account, fields: ReadonlySet<string>, tweetCount: number): Record<string, unknown> {
  const out: Record<string, unknown> = { id: account.id, name: account.name, username: account.username };
  if (fields.has('created_at')) out.created_at = v2Date(account.createdAt);
  if (fields.has('verified')) out.verified = account.verified;
  if (fields.has('verified_type')) out.verified_type = account.verified ? 'blue' : 'none';
  if (fields.has('protected')) out.protected = false;
  if (fields.has('description')) out.description = '';
  if (fields.has('public_metrics'))
    out.public_metrics = {
      followers_count: account.followers,
      following_count: account.following,
      tweet_count: tweetCount,
      listed_count: 0,
    };
  return out;
}

export function v1User(account: Account, state: SandboxState): Record<string, unknown> {
  return {
    id: Number(account.id),
    id_str: account.id,
    name: account.name,
    screen_name: account.username,
    followers_count: account.followers,
    friends_count: account.following,
    statuses_count: state.timelineOf(account.id).length,
    verified: account.verified,
    protected: false,
    created_at: v1Date(account.createdAt),
  };
}

/** v1.1 keeps `text` to 140 characters; longer posts are truncated and carry `extended_tweet.full_text`. */
const SHORT_TEXT = 140;

export function v1Tweet(tweet: Tweet, state: SandboxState, withQuoted = true): Record<string, unknown> {
  const author = state.accounts.get(tweet.authorId);
  if (!author) throw new Error(`post ${tweet.id} has no author`);
  const parentAuthor = tweet.inReplyToUserId ? state.accounts.get(tweet.inReplyToUserId) : undefined;
  const chars = [...tweet.text];
  const mentions = userMentions(tweet.text, state);
  const truncated = chars.length > SHORT_TEXT;
  // Like X: the short text ends with an ellipsis and a t.co link to the full post, so a client that reads `text`
  // instead of `extended_tweet.full_text` visibly loses the end of the message.
  const shortLength = SHORT_TEXT - 25;
  const text = truncated ? `${chars.slice(0, shortLength).join('')}… https://t.co/${tco(tweet.id)}` : tweet.text;
  const entities = (limit: number) => ({
    hashtags: [],
    urls: [],
    symbols: [],
    user_mentions: mentions.filter((m) => m.indices[1] <= limit),
  });
  const quoted = tweet.quotedTweetId ? state.tweets.get(tweet.quotedTweetId) : undefined;
  return {
    created_at: v1Date(tweet.createdAt),
    id: Number(tweet.id), // lossy above 2^53, exactly like X's numeric `id`: clients must read `id_str`
    id_str: tweet.id,
    text,
    source: '<a href="https://perch.example/sandbox" rel="nofollow">Perch sandbox</a>',
    truncated,
    ...(truncated
      ? {
          extended_tweet: {
            full_text: tweet.text,
            display_text_range: [0, chars.length],
            entities: entities(chars.length),
          },
        }
      : {}),
    in_reply_to_status_id: tweet.inReplyToTweetId ? Number(tweet.inReplyToTweetId) : null,
    in_reply_to_status_id_str: tweet.inReplyToTweetId,
    in_reply_to_user_id: tweet.inReplyToUserId ? Number(tweet.inReplyToUserId) : null,
    in_reply_to_user_id_str: tweet.inReplyToUserId,
    in_reply_to_screen_name: parentAuthor?.username ?? null,
    user: v1User(author, state),
    is_quote_status: tweet.quotedTweetId !== null,
    ...(tweet.quotedTweetId
      ? {
          quoted_status_id: Number(tweet.quotedTweetId),
          quoted_status_id_str: tweet.quotedTweetId,
          ...(withQuoted && quoted ? { quoted_status: v1Tweet(quoted, state, false) } : {}),
        }
      : {}),
    entities: entities(truncated ? shortLength : chars.length),
    lang: tweet.lang ?? 'und',
    favorited: false,
    retweeted: false,
    filter_level: 'low',
    timestamp_ms: String(tweet.createdAt),
  };
}

interface UserMention {
  screen_name: string;
  name: string;
  id: number;
  id_str: string;
  indices: [number, number];
}

/** `@mentions` of registered accounts, with X's code-point indices (not UTF-16 offsets). */
function userMentions(text: string, state: SandboxState): UserMention[] {
  const out: UserMention[] = [];
  for (const match of text.matchAll(MENTION)) {
    const account = state.accountByUsername(match[1] ?? '');
    if (!account) continue;
    const start = [...text.slice(0, match.index)].length;
    out.push({
      screen_name: account.username,
      name: account.name,
      id: Number(account.id),
      id_str: account.id,
      indices: [start, start + 1 + (match[1]?.length ?? 0)],
    });
  }
  return out;
}

const tco = (id: string): string => BigInt(id).toString(36).slice(-10).padStart(10, 'x');
