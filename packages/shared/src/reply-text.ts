import twitterText from 'twitter-text';
import { REPLY_LENGTHS } from './vocabulary.ts';

/**
 * How long a reply is, exactly as X counts it (twitter-text's v3 configuration: text NFC-normalised, 280 weighted
 * characters, every URL 23, emoji and CJK 2). The web counts while the agent types and the server counts again
 * before it accepts a reply, with this one function. Imported through `@perch/shared/reply-text` (not the barrel),
 * so that twitter-text loads only where replies are written.
 */

export const X_MAX_WEIGHTED = 280;

/**
 * A public reply's leading @mentions: X fills them from the reply metadata (`in_reply_to_tweet_id`) and does not
 * count them (X's "auto-populated reply metadata").
 */
const LEADING_MENTIONS = /^(?:\s*@[A-Za-z0-9_]{1,15}\b)+\s*/u;

export interface ReplyLength {
  /** Weighted characters, as X counts them. */
  weighted: number;
  max: number;
  remaining: number;
  valid: boolean;
  /** The post carries at least one URL (see X_POST_PRICES: a link makes it cost more). */
  hasUrl: boolean;
  /** The leading @mentions X does not count (empty when none or not a public reply). */
  uncountedPrefix: string;
}

export interface ReplyLengthOptions {
  /** A public reply to a post: the leading @mentions are reply metadata and are not counted. */
  inReplyTo?: boolean;
}

export function replyLength(text: string, options: ReplyLengthOptions = {}): ReplyLength {
  const normalized = text.normalize('NFC');
  const prefix = options.inReplyTo ? (LEADING_MENTIONS.exec(normalized)?.[0] ?? '') : '';
  const counted = normalized.slice(prefix.length);
  const parsed = twitterText.parseTweet(counted);
  const hasUrl = twitterText.extractUrls(normalized).length > 0;
  return {
    weighted: parsed.weightedLength,
    max: X_MAX_WEIGHTED,
    remaining: X_MAX_WEIGHTED - parsed.weightedLength,
    valid: parsed.weightedLength <= X_MAX_WEIGHTED && counted.trim().length > 0,
    hasUrl,
    uncountedPrefix: prefix,
  };
}

export interface ReplyMeasure {
  /** Weighted characters on an X post; characters (code points) for a DM or a webhook channel's reply. */
  count: number;
  max: number;
  remaining: number;
  /** By how much it is over the limit (0 when within). */
  over: number;
  /** Counted as X counts a post (weighted): false for DMs and webhook channels. */
  weighted: boolean;
  /** A public X post with a link (it costs more on X's API). */
  hasUrl: boolean;
  /** The leading @mentions X does not count ('' when none). */
  uncountedPrefix: string;
  /** Nothing to send (only spaces, or only the uncounted @mentions). */
  empty: boolean;
}

/**
 * The one rule for how long a reply may be, wherever it is checked (the composer, the approval editor, the
 * server): a public reply on X is counted as X counts it against 280; a DM on X in characters against 10,000; a
 * reply through a generic webhook channel (either mode) in characters against that channel's limit.
 */
export function measureReply(text: string, options: { dm: boolean; channelKind: string | null }): ReplyMeasure {
  const normalized = text.normalize('NFC');
  if (!options.dm && options.channelKind !== 'webhook') {
    const length = replyLength(normalized, { inReplyTo: true });
    return {
      count: length.weighted,
      max: length.max,
      remaining: length.remaining,
      over: Math.max(0, -length.remaining),
      weighted: true,
      hasUrl: length.hasUrl,
      uncountedPrefix: length.uncountedPrefix,
      empty: normalized.slice(length.uncountedPrefix.length).trim() === '',
    };
  }
  const count = [...normalized].length;
  const max = options.channelKind === 'webhook' ? REPLY_LENGTHS.webhook : REPLY_LENGTHS.directMessage;
  return {
    count,
    max,
    remaining: max - count,
    over: Math.max(0, count - max),
    weighted: false,
    hasUrl: false,
    uncountedPrefix: '',
    empty: normalized.trim() === '',
  };
}

/**
 * X API pay-per-use prices of one write request, in US dollars (docs.x.com "Pricing", read 2026-11-30: Content:
 * Create $0.015, Content: Create (with URL) $0.200, DM Interaction: Create $0.015). The composer warns when a link
 * makes a public post cost `withUrl / plain` times as much.
 */
export const X_POST_PRICES = { plain: 0.015, withUrl: 0.2, directMessage: 0.015 } as const;
export const X_URL_COST_FACTOR = Math.round(X_POST_PRICES.withUrl / X_POST_PRICES.plain);
