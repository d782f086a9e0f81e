import type { DraftProblem } from './rule-check.ts';
import type { ActionDraft, ConditionDraft, RuleDraft } from './rule-draft.ts';
import type { RuleReferents } from './types.ts';

const gone: DraftProblem = { key: 'gone' };

/**
 * Items that refer to something the brand no longer offers (a deleted tag, a team that stopped serving the brand,
 * a member who left): caught before sending, as the server would answer NOT_FOUND.
 */
export function staleProblems(
  draft: RuleDraft,
  referents: RuleReferents,
): { conditions: Record<number, DraftProblem>; actions: Record<number, DraftProblem> } | null {
  const has = (list: readonly { id: string }[], id: string) => list.some((x) => x.id === id);
  const member = (id: string) => referents.members.some((m) => m.userId === id);
  const staleCondition = (c: ConditionDraft) =>
    (c.type === 'channel' && c.channelIds.some((id) => !has(referents.channels, id))) ||
    (c.type === 'tags' && c.tagIds.some((id) => !has(referents.tags, id)));
  const staleAction = (a: ActionDraft) =>
    (a.type === 'add_tag' && a.tagId !== '' && !has(referents.tags, a.tagId)) ||
    (a.type === 'assign_team' && a.teamId !== '' && !has(referents.teams, a.teamId)) ||
    (a.type === 'assign_agent' && a.userId !== '' && !member(a.userId)) ||
    (a.type === 'notify' && a.userIds.some((id) => !member(id)));
  const conditions: Record<number, DraftProblem> = {};
  const actions: Record<number, DraftProblem> = {};
  draft.conditions.forEach((c, i) => staleCondition(c) && (conditions[i] = gone));
  draft.actions.forEach((a, i) => staleAction(a) && (actions[i] = gone));
  return Object.keys(conditions).length || Object.keys(actions).length ? { conditions, actions } : null;
}
