import type { z } from 'zod';
import type { applyMacroInput, ConversationActionResult, MacroAction } from '@perch/shared';
import type { Tx } from '../../db/database.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import {
  createNote,
  findTags,
  findTeam,
  type ConversationChanges,
  type ConversationState,
} from '../conversations/conversations.repository.ts';
import {
  act,
  assertAssignable,
  nextTags,
  scheduleWake,
  snoozeEnd,
  statusPlan,
  type EventSpec,
} from '../conversations/conversations.service.ts';
import type { WorkActor, WorkDeps } from '../conversations/work-context.ts';
import { macroInScope, readActions } from './macros.service.ts';

/** The conversation as the actions so far left it, and what they changed. */
interface Fold {
  state: ConversationState;
  changes: ConversationChanges;
  events: EventSpec[];
  /** The one tags event, placed where the first tag changed; its data is the net change, written at the end. */
  tagsEvent: EventSpec | null;
  snoozed: boolean;
}

/**
 * Applies a macro to one conversation: its actions fold, in order, over the conversation's state into one change,
 * made by `act` — one transaction, one version step, the stale-action guard, one audit row `macros.run` (the procedure is `macros.run`: tRPC reserves `apply`). An
 * action with nothing to do is skipped; one that cannot be done (resolved → pending) fails the whole macro.
 */
export async function applyMacro(
  deps: WorkDeps,
  actor: WorkActor,
  input: z.output<typeof applyMacroInput>,
): Promise<ConversationActionResult> {
  return act(deps, actor, input, 'macros.run', async (tx, c) => {
    const macro = await macroInScope(tx, actor, input.macroId);
    // Another brand's macro is not usable here, as if it did not exist.
    if (macro.brandId !== null && macro.brandId !== c.brandId) throw notFound('Macro');
    const actions = readActions(macro.actions);
    await assertTagsExist(tx, actor.organizationId, c.brandId, actions);
    const fold: Fold = { state: { ...c }, changes: {}, events: [], tagsEvent: null, snoozed: false };
    for (const action of actions) await step(tx, actor, fold, action);
    finishTags(fold, c.tagIds);
    const { state } = fold;
    const wakeAt = fold.snoozed && state.status === 'snoozed' ? state.snoozedUntil : null;
    return {
      changes: fold.changes,
      events: [{ type: 'macro_applied', data: { macroId: macro.id, macroName: macro.name } }, ...fold.events],
      also: wakeAt ? (t) => scheduleWake(deps, t, actor.organizationId, c.id, wakeAt) : undefined,
    };
  });
}

/** A tag deleted since the macro was written makes the macro unusable until a manager edits it. */
async function assertTagsExist(tx: Tx, organizationId: string, brandId: string, actions: MacroAction[]) {
  const ids = [...new Set(actions.flatMap((a) => (a.type === 'add_tag' || a.type === 'remove_tag' ? [a.tagId] : [])))];
  if (ids.length === 0) return;
  const tags = await findTags(tx, organizationId, ids);
  if (tags.length !== ids.length || tags.some((t) => t.brandId !== brandId)) {
    throw new DomainError('NOT_FOUND', 'A tag of this macro no longer exists: ask a manager to edit the macro');
  }
}

function change(fold: Fold, changes: ConversationChanges, event: EventSpec) {
  Object.assign(fold.changes, changes);
  const { episodeStartedAt: _episode, ...state } = changes;
  Object.assign(fold.state, state);
  fold.events.push(event);
}

function changeTags(fold: Fold, add: string[], remove: string[]) {
  const tagIds = nextTags(fold.state.tagIds, add, remove);
  fold.state.tagIds = tagIds;
  fold.changes.tagIds = tagIds;
  if (!fold.tagsEvent) {
    fold.tagsEvent = { type: 'tags_changed', data: {} };
    fold.events.push(fold.tagsEvent);
  }
}

/** The net change of tags (added then removed is no change): one event, or none. */
function finishTags(fold: Fold, before: string[]) {
  if (!fold.tagsEvent) return;
  const added = fold.state.tagIds.filter((id) => !before.includes(id));
  const removed = before.filter((id) => !fold.state.tagIds.includes(id));
  if (added.length === 0 && removed.length === 0) {
    fold.events = fold.events.filter((e) => e !== fold.tagsEvent);
    delete fold.changes.tagIds;
    return;
  }
  fold.tagsEvent.data = { added, removed };
}

async function step(tx: Tx, actor: WorkActor, fold: Fold, action: MacroAction) {
  const s = fold.state;
  switch (action.type) {
    case 'add_tag':
      if (!s.tagIds.includes(action.tagId)) changeTags(fold, [action.tagId], []);
      return;
    case 'remove_tag':
      if (s.tagIds.includes(action.tagId)) changeTags(fold, [], [action.tagId]);
      return;
    case 'set_priority':
      if (s.priority === action.priority) return;
      change(
        fold,
        { priority: action.priority },
        { type: 'priority_changed', data: { from: s.priority, to: action.priority } },
      );
      return;
    case 'set_status': {
      if (s.status === action.status) return;
      const { changes, event } = statusPlan(s, action.status, null);
      change(fold, changes, event);
      return;
    }
    case 'snooze': {
      // Already snoozed: left with the end it has (as a snooze by hand would be refused).
      if (s.status === 'snoozed') return;
      const until = snoozeEnd(new Date(Date.now() + action.hours * 3_600_000).toISOString());
      const { changes, event } = statusPlan(s, 'snoozed', until);
      change(fold, changes, event);
      fold.snoozed = true;
      return;
    }
    case 'assign_team': {
      if (s.teamId === action.teamId) return;
      if (action.teamId) {
        const team = await findTeam(tx, actor.organizationId, action.teamId);
        if (!team) throw notFound('Team');
        if (team.brandIds.length > 0 && !team.brandIds.includes(s.brandId)) {
          throw new DomainError('VALIDATION', `The team ${team.name} does not handle this brand`, { field: 'teamId' });
        }
      }
      change(fold, { teamId: action.teamId }, { type: 'team_changed', data: { from: s.teamId, to: action.teamId } });
      return;
    }
    case 'assign_self':
      if (s.assigneeUserId === actor.userId) return;
      await assertAssignable(tx, actor, actor.userId, [s.brandId]);
      // Taking it oneself notifies nobody (as assignment in conversations.service does for oneself).
      change(
        fold,
        { assigneeUserId: actor.userId },
        { type: 'assigned', data: { assigneeUserId: actor.userId, previousUserId: s.assigneeUserId } },
      );
      return;
    case 'unassign':
      if (s.assigneeUserId === null) return;
      change(fold, { assigneeUserId: null }, { type: 'unassigned', data: { previousUserId: s.assigneeUserId } });
      return;
    case 'add_note': {
      // The agent's note; @mentions in a macro's text are not parsed (nobody is notified).
      const note = await createNote(tx, {
        organizationId: actor.organizationId,
        conversationId: s.id,
        authorUserId: actor.userId,
        text: action.text,
        mentionedUserIds: [],
      });
      fold.events.push({ type: 'note_added', data: { noteId: note.id, mentionedUserIds: [] } });
      return;
    }
  }
}
