import type { ReplyMode } from '@perch/shared';
import type { ReplyTools } from './use-reply-tools.ts';

/** What the composer says about a text before it may be sent. */
export interface ReplyCheck {
  /** Weighted characters as X counts them (public), or characters (DM). */
  count: number;
  max: number;
  remaining: number;
  /** By how much it is over the limit (0 when within). */
  over: number;
  /** A public post with a link (it costs more on X's API). */
  hasUrl: boolean;
  /** The leading @mentions X adds as reply metadata and does not count ('' when none). */
  uncounted: string;
  /** `{{variables}}` still in the text, as written: a reply would post the braces. */
  unfilled: string[];
  /** Nothing to send (only spaces, or only the uncounted @mentions). */
  empty: boolean;
  sendable: boolean;
}

export function checkReply(
  tools: ReplyTools,
  text: string,
  mode: ReplyMode,
  channelKind: string | null = 'x',
): ReplyCheck {
  const unfilled = [...new Set(tools.variablesIn(text))];
  if (mode === 'public' && channelKind !== 'webhook') {
    const length = tools.replyLength(text, { inReplyTo: true });
    const uncounted = length.uncountedPrefix;
    const empty = text.normalize('NFC').slice(uncounted.length).trim() === '';
    const over = Math.max(0, length.weighted - length.max);
    return {
      count: length.weighted,
      max: length.max,
      remaining: length.remaining,
      over,
      hasUrl: length.hasUrl,
      uncounted: uncounted.trim(),
      unfilled,
      empty,
      sendable: length.valid && !empty && unfilled.length === 0,
    };
  }
  // X counts a direct message in characters (code points), up to 10,000; a generic webhook channel's replies are
  // not X posts: characters, up to the channel limit (the brand's own system decides beyond that).
  const count = [...text.normalize('NFC')].length;
  const max = channelKind === 'webhook' ? tools.REPLY_LIMITS.webhook : tools.REPLY_LIMITS.directMessage;
  const empty = text.trim() === '';
  return {
    count,
    max,
    remaining: max - count,
    over: Math.max(0, count - max),
    hasUrl: false,
    uncounted: '',
    unfilled,
    empty,
    sendable: !empty && count <= max && unfilled.length === 0,
  };
}
