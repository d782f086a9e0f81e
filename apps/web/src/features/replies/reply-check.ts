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
  const m = tools.measureReply(text, { dm: mode === 'dm', channelKind });
  return {
    count: m.count,
    max: m.max,
    remaining: m.remaining,
    over: m.over,
    hasUrl: m.hasUrl,
    uncounted: m.uncountedPrefix.trim(),
    unfilled,
    empty: m.empty,
    sendable: m.over === 0 && !m.empty && unfilled.length === 0,
  };
}
