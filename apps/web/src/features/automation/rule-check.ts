import { AUTOMATION_LIMITS, type AutomationAction, type AutomationCondition } from '@perch/shared';
import {
  keywordsOf,
  languagesOf,
  type ActionDraft,
  type ConditionDraft,
  type Keyed,
  type RuleDraft,
} from './rule-draft.ts';

/** Why a part of the draft is refused: a translation key under `automation.errors` and its values. */
export interface DraftProblem {
  key: string;
  values?: Record<string, string | number>;
}
export interface DraftProblems {
  name?: DraftProblem;
  conditions: Record<number, DraftProblem>;
  actions: Record<number, DraftProblem>;
  /** About the whole list (no action, too many). */
  actionList?: DraftProblem;
  conditionList?: DraftProblem;
}

export const CONTROL = /\p{Cc}/u;
/** Control characters other than line breaks and tabs. */
const NOTE_CONTROL = /[^\P{Cc}\n\t]/u;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const LANGUAGE = /^[a-z]{2,3}$/;
const FOLLOWERS_MAX = 2_000_000_000;
const L = AUTOMATION_LIMITS;
const problem = (key: string, values?: DraftProblem['values']): DraftProblem => (values ? { key, values } : { key });

function followerBound(text: string): number | undefined | null {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value <= FOLLOWERS_MAX ? value : null;
}

function checkCondition(c: ConditionDraft): AutomationCondition | DraftProblem {
  const values = { max: L.valuesPerCondition };
  switch (c.type) {
    case 'channel':
      if (!c.channelIds.length) return problem('chooseChannel');
      return c.channelIds.length > L.valuesPerCondition ? problem('tooManyValues', values) : c;
    case 'keywords': {
      const keywords = keywordsOf(c.text);
      if (!keywords.length) return problem('keywordRequired');
      if (keywords.length > L.keywordsPerCondition) return problem('tooManyValues', { max: L.keywordsPerCondition });
      if (keywords.some((k) => k.length > L.keyword)) return problem('keywordTooLong', { max: L.keyword });
      return { type: 'keywords', keywords };
    }
    case 'language': {
      const languages = languagesOf(c.text);
      if (!languages.length || languages.some((l) => !LANGUAGE.test(l))) return problem('languageInvalid');
      return languages.length > L.valuesPerCondition
        ? problem('tooManyValues', values)
        : { type: 'language', languages };
    }
    case 'sentiment':
      return c.sentiments.length ? c : problem('chooseOne');
    case 'priority':
      return c.priorities.length ? c : problem('chooseOne');
    case 'tags':
      if (!c.tagIds.length) return problem('chooseTag');
      return c.tagIds.length > L.valuesPerCondition ? problem('tooManyValues', values) : c;
    case 'vip':
      return c;
    case 'followers': {
      const min = followerBound(c.min);
      const max = followerBound(c.max);
      if (min === null || max === null) return problem('followersInvalid', { max: FOLLOWERS_MAX });
      if (min === undefined && max === undefined) return problem('followersBound');
      if (min !== undefined && max !== undefined && min > max) return problem('followersOrder');
      return { type: 'followers', ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
    }
    case 'time_of_day':
      if (!HHMM.test(c.from) || !HHMM.test(c.to)) return problem('timeInvalid');
      if (c.from === c.to) return problem('timeSame');
      return c.days.length ? { ...c, days: [...c.days].sort((a, b) => a - b) } : problem('chooseDay');
  }
}

function checkAction(a: ActionDraft): AutomationAction | DraftProblem {
  switch (a.type) {
    case 'add_tag':
      return a.tagId ? a : problem('chooseTag');
    case 'assign_team':
      return a.teamId ? a : problem('chooseTeam');
    case 'assign_agent':
      return a.userId ? a : problem('chooseMember');
    case 'notify':
      if (!a.userIds.length) return problem('chooseMember');
      return a.userIds.length > L.notifyRecipients ? problem('tooManyValues', { max: L.notifyRecipients }) : a;
    case 'add_note': {
      // Paragraphs are kept (line breaks normalised to \n, like the server's multilineText).
      const text = a.text.replace(/\r\n?/g, '\n').trim();
      if (!text) return problem('noteRequired');
      if (text.length > L.note) return problem('tooLong', { max: L.note });
      return NOTE_CONTROL.test(text) ? problem('controlCharacters') : { type: 'add_note', text };
    }
    case 'set_priority':
    case 'mark_spam':
      return a;
  }
}

const isProblem = (value: object): value is DraftProblem => 'key' in value && !('type' in value);
/** The item without its form key (the schemas are strict: an unknown property is refused). */
function strip<T extends ConditionDraft | ActionDraft>(item: Keyed<T>): T {
  const { key: _key, ...rest } = item;
  return rest as unknown as T;
}

/** What create and update send, besides the ids. */
export interface RuleInput extends Omit<RuleDraft, 'conditions' | 'actions'> {
  conditions: AutomationCondition[];
  actions: AutomationAction[];
}

/** The procedure input (without ids), or what is wrong with the draft. */
export function toRuleInput(draft: RuleDraft): { ok: true; value: RuleInput } | { ok: false; problems: DraftProblems } {
  const problems: DraftProblems = { conditions: {}, actions: {} };
  const name = draft.name.trim();
  if (!name) problems.name = problem('nameRequired');
  else if (name.length > L.ruleName) problems.name = problem('tooLong', { max: L.ruleName });
  else if (CONTROL.test(name)) problems.name = problem('nameInvalid');
  if (draft.conditions.length > L.conditionsPerRule)
    problems.conditionList = problem('tooManyConditions', { max: L.conditionsPerRule });
  if (!draft.actions.length) problems.actionList = problem('actionRequired');
  if (draft.actions.length > L.actionsPerRule)
    problems.actionList = problem('tooManyActions', { max: L.actionsPerRule });
  const conditions = draft.conditions.map((c) => checkCondition(strip(c)));
  const actions = draft.actions.map((a) => checkAction(strip(a)));
  conditions.forEach((c, i) => isProblem(c) && (problems.conditions[i] = c));
  actions.forEach((a, i) => isProblem(a) && (problems.actions[i] = a));
  const failed =
    problems.name ||
    problems.conditionList ||
    problems.actionList ||
    Object.keys(problems.conditions).length ||
    Object.keys(problems.actions).length;
  if (failed) return { ok: false, problems };
  return {
    ok: true,
    value: {
      name,
      trigger: draft.trigger,
      enabled: draft.enabled,
      conditions: conditions as AutomationCondition[],
      actions: actions as AutomationAction[],
    },
  };
}
