import { afterEach, describe, expect, it } from 'vitest';
import { clearDraft, readDraft, sweepDrafts, writeDraft } from './reply-drafts.ts';

const user = '0190a7e2-0000-7000-8000-00000000b001';
const other = '0190a7e2-0000-7000-8000-00000000b002';
const conversation = '0190a7e2-0000-7000-8000-00000000f001';
const canned = '0190a7e2-0000-7000-8000-00000000e001';

afterEach(() => localStorage.clear());

describe('reply drafts', () => {
  it('keeps a draft per conversation and user, and clears it', () => {
    writeDraft(user, conversation, { text: 'Bonjour', mode: 'dm', cannedReplyId: canned });
    expect(readDraft(user, conversation)).toEqual({ text: 'Bonjour', mode: 'dm', cannedReplyId: canned });
    expect(readDraft(other, conversation)).toBeNull();
    clearDraft(user, conversation);
    expect(readDraft(user, conversation)).toBeNull();
  });

  it('ignores what it cannot trust and bounds the text', () => {
    const key = `perch.replyDraft.${user}.${conversation}`;
    localStorage.setItem(key, '{not json');
    expect(readDraft(user, conversation)).toBeNull();
    localStorage.setItem(key, JSON.stringify({ text: 'x', mode: 'tweet' }));
    expect(readDraft(user, conversation)).toBeNull();
    localStorage.setItem(key, JSON.stringify({ text: 'y'.repeat(20_000), mode: 'public', cannedReplyId: '<b>' }));
    expect(readDraft(user, conversation)).toEqual({ text: 'y'.repeat(10_000), mode: 'public', cannedReplyId: null });
  });

  it('sweeps drafts older than two weeks', () => {
    writeDraft(user, conversation, { text: 'old', mode: 'public', cannedReplyId: null });
    writeDraft(other, conversation, { text: 'new', mode: 'public', cannedReplyId: null });
    const key = `perch.replyDraft.${user}.${conversation}`;
    const stored = JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, unknown>;
    localStorage.setItem(key, JSON.stringify({ ...stored, savedAt: Date.now() - 15 * 24 * 3600 * 1000 }));
    sweepDrafts();
    expect(readDraft(user, conversation)).toBeNull();
    expect(readDraft(other, conversation)?.text).toBe('new');
  });
});
