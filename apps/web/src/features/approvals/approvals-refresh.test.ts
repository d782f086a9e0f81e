import { describe, expect, it } from 'vitest';
import { approvalsAreStale, oldestFirst } from './approvals-refresh.ts';

describe('the Approvals list', () => {
  it('refetches when a reply starts or stops waiting, and after missed events', () => {
    expect(approvalsAreStale('approvals.changed', false)).toBe(true);
    expect(approvalsAreStale('resync', false)).toBe(true);
    expect(approvalsAreStale('ready', true)).toBe(true);
    expect(approvalsAreStale('ready', false)).toBe(false);
    for (const type of ['conversation.updated', 'reply.updated', 'agents.changed']) {
      expect(approvalsAreStale(type, true)).toBe(false);
    }
  });

  it('shows the reply waiting longest first, whatever the order received', () => {
    const item = (replyId: string, at: string) => ({ replyId, at });
    const sorted = oldestFirst([
      item('c', '2026-03-01T10:00:00.000Z'),
      item('b', '2026-03-01T09:00:00.000Z'),
      item('a', '2026-03-01T10:00:00.000Z'),
    ]);
    expect(sorted.map((i) => i.replyId)).toEqual(['b', 'a', 'c']);
  });
});
