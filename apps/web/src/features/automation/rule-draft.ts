import type { AutomationAction, AutomationCondition, AutomationTrigger, Priority, Sentiment } from '@perch/shared';
import type { ConditionType } from './types.ts';

/**
 * What the rule form edits: conditions and actions as the inputs hold them (text for keywords, languages and
 * follower bounds), each with a key so React keeps focus when items move. `toRuleInput` checks a draft as the
 * server's zod schemas do and turns it into the procedure input.
 */
export type ConditionDraft =
  | { type: 'channel'; channelIds: string[] }
  | { type: 'keywords'; text: string }
  | { type: 'language'; text: string }
  | { type: 'sentiment'; sentiments: Sentiment[] }
  | { type: 'priority'; priorities: Priority[] }
  | { type: 'tags'; match: 'any' | 'none'; tagIds: string[] }
  | { type: 'vip'; vip: boolean }
  | { type: 'followers'; min: string; max: string }
  | { type: 'time_of_day'; from: string; to: string; days: number[] };

export type ActionDraft =
  | { type: 'add_tag'; tagId: string }
  | { type: 'set_priority'; priority: Priority }
  | { type: 'assign_team'; teamId: string }
  | { type: 'assign_agent'; userId: string }
  | { type: 'add_note'; text: string }
  | { type: 'notify'; userIds: string[] }
  | { type: 'mark_spam' };

export type Keyed<T> = T & { key: number };

export interface RuleDraft {
  name: string;
  trigger: AutomationTrigger;
  enabled: boolean;
  conditions: Keyed<ConditionDraft>[];
  actions: Keyed<ActionDraft>[];
}

let nextKey = 1;
export const keyed = <T>(item: T): Keyed<T> => ({ ...item, key: nextKey++ });

export const EMPTY_DRAFT: Omit<RuleDraft, 'conditions' | 'actions'> = {
  name: '',
  trigger: 'conversation_created',
  enabled: true,
};

export function newCondition(type: ConditionType): ConditionDraft {
  switch (type) {
    case 'channel':
      return { type, channelIds: [] };
    case 'keywords':
    case 'language':
      return { type, text: '' };
    case 'sentiment':
      return { type, sentiments: [] };
    case 'priority':
      return { type, priorities: [] };
    case 'tags':
      return { type, match: 'any', tagIds: [] };
    case 'vip':
      return { type, vip: true };
    case 'followers':
      return { type, min: '', max: '' };
    case 'time_of_day':
      return { type, from: '09:00', to: '18:00', days: [1, 2, 3, 4, 5] };
  }
}

export function newAction(type: ActionDraft['type']): ActionDraft {
  switch (type) {
    case 'add_tag':
      return { type, tagId: '' };
    case 'set_priority':
      return { type, priority: 'high' };
    case 'assign_team':
      return { type, teamId: '' };
    case 'assign_agent':
      return { type, userId: '' };
    case 'add_note':
      return { type, text: '' };
    case 'notify':
      return { type, userIds: [] };
    case 'mark_spam':
      return { type };
  }
}

/** Keywords: one per line or separated by commas; blanks and repeats dropped. */
export function keywordsOf(text: string): string[] {
  const words = text.split(/[,\n]/).map((w) => w.trim());
  return [...new Set(words.filter(Boolean))];
}
/** Language codes: separated by commas or spaces, lower-cased. */
export function languagesOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map((w) => w.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

export function draftOfCondition(condition: AutomationCondition): ConditionDraft {
  switch (condition.type) {
    case 'keywords':
      return { type: 'keywords', text: condition.keywords.join('\n') };
    case 'language':
      return { type: 'language', text: condition.languages.join(', ') };
    case 'followers':
      return { type: 'followers', min: String(condition.min ?? ''), max: String(condition.max ?? '') };
    case 'channel':
      return { type: 'channel', channelIds: [...condition.channelIds] };
    case 'tags':
      return { type: 'tags', match: condition.match, tagIds: [...condition.tagIds] };
    case 'sentiment':
      return { type: 'sentiment', sentiments: [...condition.sentiments] };
    case 'priority':
      return { type: 'priority', priorities: [...condition.priorities] };
    case 'vip':
      return { type: 'vip', vip: condition.vip };
    case 'time_of_day':
      return { type: 'time_of_day', from: condition.from, to: condition.to, days: [...condition.days] };
  }
}

export function draftOfRule(rule: {
  name: string;
  trigger: AutomationTrigger;
  enabled: boolean;
  conditions: AutomationCondition[];
  actions: AutomationAction[];
}): RuleDraft {
  return {
    name: rule.name,
    trigger: rule.trigger,
    enabled: rule.enabled,
    conditions: rule.conditions.map((c) => keyed(draftOfCondition(c))),
    actions: rule.actions.map((a) => keyed<ActionDraft>(a.type === 'notify' ? { ...a, userIds: [...a.userIds] } : a)),
  };
}
