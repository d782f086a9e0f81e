import twitterText from 'twitter-text';

/**
 * How X counts a post's length: twitter-text's v3 configuration on the NFC-normalised text (280 weighted
 * characters; a URL counts 23 whatever its length, emoji and CJK count 2). In a reply (`in_reply_to_tweet_id`
 * set), the leading @mentions are X's auto-populated reply metadata and are not counted. The sandbox stands for
 * X, so it counts on its own and shares none of Perch's code for this.
 */
export const MAX_WEIGHTED_LENGTH = 280;

/** `@handle @other ` at the start of the text, as X strips it into reply metadata. */
const LEADING_REPLY_MENTIONS = /^(?:[ \t]*@[A-Za-z0-9_]{1,15}(?![A-Za-z0-9_@]))+[ \t]*/;

export function weightedLength(text: string, isReply: boolean): number {
  const normalized = text.normalize('NFC');
  const counted = isReply ? normalized.replace(LEADING_REPLY_MENTIONS, '') : normalized;
  return twitterText.parseTweet(counted).weightedLength;
}
