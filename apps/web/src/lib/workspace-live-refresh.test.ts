import { describe, expect, it } from 'vitest';
import { listsToRefresh } from './workspace-live-refresh.tsx';

describe('which workspace lists a live event refreshes', () => {
  it('refreshes the list the change concerns; a team change also refreshes the agents (their teams)', () => {
    expect(listsToRefresh('tags.changed', false)).toEqual(['tags']);
    expect(listsToRefresh('teams.changed', false)).toEqual(['teams', 'agents']);
    expect(listsToRefresh('agents.changed', false)).toEqual(['agents']);
    expect(listsToRefresh('plan.changed', false)).toEqual(['billing', 'quota']);
    expect(listsToRefresh('quota.changed', false)).toEqual(['quota']);
  });

  it('refreshes everything after a reconnection or dropped events, but not on the first connection', () => {
    expect(listsToRefresh('ready', false)).toEqual([]);
    expect(listsToRefresh('ready', true)).toEqual(['tags', 'teams', 'agents', 'billing', 'quota']);
    expect(listsToRefresh('resync', false)).toEqual(['tags', 'teams', 'agents', 'billing', 'quota']);
  });

  it('ignores conversation traffic (the inbox has its own refresher)', () => {
    for (const type of ['conversation.updated', 'mention.received', 'presence.changed', 'notification.created']) {
      expect(listsToRefresh(type, true)).toEqual([]);
    }
  });
});
