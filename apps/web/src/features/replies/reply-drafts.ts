/**
 * Unsent replies, per conversation and user, in localStorage: they survive a reload or a crash of the tab and
 * are cleared once the reply is sent. Bounded: the text is cut to the reply limit, drafts older than two weeks
 * are swept, and anything unreadable is ignored (storage is user-controlled input).
 */
export type ComposerMode = 'public' | 'dm' | 'note';
export const COMPOSER_MODES: readonly ComposerMode[] = ['public', 'dm', 'note'];

export interface ReplyDraft {
  text: string;
  mode: ComposerMode;
  /** The canned reply inserted into the text, if any (sent with the reply). */
  cannedReplyId: string | null;
}

const PREFIX = 'perch.replyDraft.';
const MAX_TEXT = 10_000;
const MAX_AGE_MS = 14 * 24 * 3600 * 1000;
const ID = /^[0-9a-f-]{36}$/u;

const keyOf = (userId: string, conversationId: string) => `${PREFIX}${userId}.${conversationId}`;
const sendKeyOf = (userId: string, conversationId: string) => `${PREFIX}sendKey.${userId}.${conversationId}`;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Storage disabled (privacy settings): drafts simply do not persist.
    return null;
  }
}

export function readDraft(userId: string, conversationId: string): ReplyDraft | null {
  const raw = storage()?.getItem(keyOf(userId, conversationId));
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Record<string, unknown>;
    const text = typeof value['text'] === 'string' ? value['text'].slice(0, MAX_TEXT) : '';
    const mode = COMPOSER_MODES.find((m) => m === value['mode']) ?? null;
    const canned = value['cannedReplyId'];
    if (!mode) return null;
    return { text, mode, cannedReplyId: typeof canned === 'string' && ID.test(canned) ? canned : null };
  } catch {
    return null;
  }
}

export function writeDraft(userId: string, conversationId: string, draft: ReplyDraft): void {
  const store = storage();
  if (!store) return;
  const value = JSON.stringify({ ...draft, text: draft.text.slice(0, MAX_TEXT), savedAt: Date.now() });
  try {
    store.setItem(keyOf(userId, conversationId), value);
  } catch {
    // Quota exceeded: make room from old drafts once, else give up quietly (the text is still on screen).
    sweepDrafts(24 * 3600 * 1000);
    try {
      store.setItem(keyOf(userId, conversationId), value);
    } catch {
      /* still full */
    }
  }
}

export function clearDraft(userId: string, conversationId: string): void {
  storage()?.removeItem(keyOf(userId, conversationId));
}

/**
 * The idempotency key of a send, with the text and mode it was made for. Stored beside the draft so that a send
 * whose answer was lost (the tab switched, the page reloaded) and is sent again reuses it: never two posts.
 */
export interface SendKey {
  text: string;
  mode: string;
  key: string;
}

export function readSendKey(userId: string, conversationId: string): SendKey | null {
  const raw = storage()?.getItem(sendKeyOf(userId, conversationId));
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Record<string, unknown>;
    const { text, mode, key } = value;
    if (typeof text !== 'string' || typeof mode !== 'string' || typeof key !== 'string' || !ID.test(key)) return null;
    return { text, mode, key };
  } catch {
    return null;
  }
}

export function writeSendKey(userId: string, conversationId: string, sendKey: SendKey | null): void {
  const store = storage();
  if (!store) return;
  const key = sendKeyOf(userId, conversationId);
  try {
    if (sendKey)
      store.setItem(key, JSON.stringify({ ...sendKey, text: sendKey.text.slice(0, MAX_TEXT), savedAt: Date.now() }));
    else store.removeItem(key);
  } catch {
    /* full: the key still lives in memory for this page */
  }
}

type SentListener = (conversationId: string, sentText: string) => void;
const sentListeners = new Set<SentListener>();

/** Told when a reply was sent, even by a composer closed since: an open one holding that text clears it. */
export function onReplySent(listener: SentListener): () => void {
  sentListeners.add(listener);
  return () => void sentListeners.delete(listener);
}

/** After a send succeeded: its draft is done, unless the agent has written something else since. */
export function clearSentDraft(userId: string, conversationId: string, sentText: string): void {
  const draft = readDraft(userId, conversationId);
  if (draft && draft.text.trim() === sentText) clearDraft(userId, conversationId);
  writeSendKey(userId, conversationId, null);
  sentListeners.forEach((listener) => listener(conversationId, sentText));
}

/** Removes drafts saved more than `maxAgeMs` ago (all unreadable ones too). */
export function sweepDrafts(maxAgeMs: number = MAX_AGE_MS, now: number = Date.now()): void {
  const store = storage();
  if (!store) return;
  const stale: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    try {
      const savedAt = (JSON.parse(store.getItem(key) ?? '') as { savedAt?: unknown }).savedAt;
      if (typeof savedAt !== 'number' || now - savedAt > maxAgeMs) stale.push(key);
    } catch {
      stale.push(key);
    }
  }
  stale.forEach((key) => store.removeItem(key));
}
