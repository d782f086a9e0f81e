import { v7 as uuidv7 } from 'uuid';
import { canTransition, WORK_LIMITS, type AutomationAction, type AutomationRunData } from '@perch/shared';
import type { ConversationState } from '../conversations/conversations.repository.ts';
import { statusPlan } from '../conversations/conversations.service.ts';
import type { Referents } from './automation-referents.ts';
import type { StoredJson } from './automation-run.repository.ts';

/** The rule being applied, as the timeline and notes name it. */
export interface RunRule {
  id: string;
  name: string;
}

/** Everything one run will write, accumulated rule after rule (written in one go by the engine). */
export interface RunWrites {
  events: { type: string; data: StoredJson }[];
  notes: { id: string; ruleId: string; ruleName: string; text: string }[];
  notifications: { userId: string; kind: 'automation' | 'assigned'; data: StoredJson }[];
  markSpam: boolean;
}

/** The conversation as the run has left it so far (later rules see earlier rules' changes). */
export type RunState = ConversationState & { episodeStartedAt?: Date; spammable: number };

export const emptyWrites = (): RunWrites => ({ events: [], notes: [], notifications: [], markSpam: false });

/**
 * Applies one action to the run's state. False when it had nothing to do: the value was already set, or what it
 * names has gone since the rule was saved (a deleted tag or team, a member removed or moved off the brand) —
 * such an action is skipped, and left out of the run's recorded actions; it never fails the run.
 */
export function applyAction(
  action: AutomationAction,
  rule: RunRule,
  state: RunState,
  referents: Referents,
  writes: RunWrites,
): boolean {
  const ruleId = rule.id;
  const event = (type: string, data: Record<string, StoredJson | null>) =>
    writes.events.push({ type, data: { ...data, ruleId, ruleName: rule.name } });
  switch (action.type) {
    case 'add_tag': {
      if (!referents.tags.has(action.tagId) || state.tagIds.includes(action.tagId)) return false;
      if (state.tagIds.length >= WORK_LIMITS.tagsPerConversation) return false;
      state.tagIds = [...state.tagIds, action.tagId];
      event('tags_changed', { added: [action.tagId], removed: [] });
      return true;
    }
    case 'set_priority': {
      if (state.priority === action.priority) return false;
      event('priority_changed', { from: state.priority, to: action.priority });
      state.priority = action.priority;
      return true;
    }
    case 'assign_team': {
      if (!referents.teams.has(action.teamId) || state.teamId === action.teamId) return false;
      event('team_changed', { from: state.teamId, to: action.teamId });
      state.teamId = action.teamId;
      return true;
    }
    case 'assign_agent': {
      if (!referents.users.has(action.userId) || state.assigneeUserId === action.userId) return false;
      event('assigned', { assigneeUserId: action.userId, previousUserId: state.assigneeUserId });
      state.assigneeUserId = action.userId;
      writes.notifications.push({ userId: action.userId, kind: 'assigned', data: { ruleId, ruleName: rule.name } });
      return true;
    }
    case 'add_note': {
      const id = uuidv7();
      writes.notes.push({ id, ruleId, ruleName: rule.name, text: action.text });
      event('note_added', { noteId: id, mentionedUserIds: [] });
      return true;
    }
    case 'notify': {
      const recipients = [...new Set(action.userIds)].filter((id) => referents.users.has(id));
      for (const userId of recipients) {
        writes.notifications.push({ userId, kind: 'automation', data: { ruleId, ruleName: rule.name } });
      }
      return recipients.length > 0;
    }
    case 'mark_spam': {
      const spam = state.spammable > 0;
      state.spammable = 0;
      writes.markSpam ||= spam;
      const resolve = state.status !== 'resolved' && canTransition(state.status, 'resolved');
      if (resolve) {
        // The same transition a person's "resolve" makes (conversations.service statusPlan).
        const { changes, event: e } = statusPlan(state, 'resolved', null);
        Object.assign(state, changes);
        event(e.type, e.data as Record<string, StoredJson>);
      }
      return spam || resolve;
    }
  }
}

/** The run's timeline entry for one matching rule. */
export const ranEvent = (data: AutomationRunData) => ({ type: 'automation_ran', data: { ...data } });
