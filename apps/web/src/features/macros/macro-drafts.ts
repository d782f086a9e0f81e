import { AUTOMATION_LIMITS, type Priority } from '@perch/shared';
import type { MacroAction, MacroTag } from './types.ts';

export type MacroActionType = MacroAction['type'];
export const MACRO_ACTION_TYPES: readonly MacroActionType[] = [
  'add_tag',
  'remove_tag',
  'set_priority',
  'set_status',
  'snooze',
  'assign_team',
  'assign_self',
  'unassign',
  'add_note',
];
export const MACRO_STATUSES = ['open', 'pending', 'resolved'] as const;
export type MacroStatus = (typeof MACRO_STATUSES)[number];
export const TAG_ACTIONS: ReadonlySet<MacroActionType> = new Set(['add_tag', 'remove_tag']);

/**
 * One action row of the form. Every field is kept whatever the type, so switching the type back and forth does
 * not lose what was typed; only the fields of the chosen type are sent.
 */
export interface ActionDraft {
  key: number;
  type: MacroActionType;
  tagId: string;
  priority: Priority;
  status: MacroStatus;
  hours: string;
  /** '' = no team. */
  teamId: string;
  text: string;
}

let nextKey = 1;
const BLANK: Omit<ActionDraft, 'key'> = {
  type: 'set_priority',
  tagId: '',
  priority: 'high',
  status: 'resolved',
  hours: '4',
  teamId: '',
  text: '',
};

export function newDraft(type: MacroActionType = BLANK.type): ActionDraft {
  return { ...BLANK, key: nextKey++, type };
}

export function draftOf(action: MacroAction): ActionDraft {
  const draft = newDraft(action.type);
  switch (action.type) {
    case 'add_tag':
    case 'remove_tag':
      return { ...draft, tagId: action.tagId };
    case 'set_priority':
      return { ...draft, priority: action.priority };
    case 'set_status':
      return { ...draft, status: action.status };
    case 'snooze':
      return { ...draft, hours: String(action.hours) };
    case 'assign_team':
      return { ...draft, teamId: action.teamId ?? '' };
    case 'add_note':
      return { ...draft, text: action.text };
    default:
      return draft;
  }
}

/** Why a row cannot be sent (an i18n key under macros.errors), checked as the server checks it. */
export type DraftProblem = 'tagRequired' | 'tagNeedsBrand' | 'hours' | 'noteRequired' | 'noteTooLong';

export function actionOf(
  draft: ActionDraft,
  brandId: string | null,
  tags: readonly MacroTag[],
): MacroAction | DraftProblem {
  switch (draft.type) {
    case 'add_tag':
    case 'remove_tag':
      if (!brandId) return 'tagNeedsBrand';
      if (!tags.some((tag) => tag.id === draft.tagId && tag.brandId === brandId)) return 'tagRequired';
      return { type: draft.type, tagId: draft.tagId };
    case 'set_priority':
      return { type: 'set_priority', priority: draft.priority };
    case 'set_status':
      return { type: 'set_status', status: draft.status };
    case 'snooze': {
      const hours = Number(draft.hours.trim());
      if (!Number.isInteger(hours) || hours < 1 || hours > AUTOMATION_LIMITS.snoozeHoursMax) return 'hours';
      return { type: 'snooze', hours };
    }
    case 'assign_team':
      return { type: 'assign_team', teamId: draft.teamId || null };
    case 'assign_self':
    case 'unassign':
      return { type: draft.type };
    case 'add_note': {
      const text = draft.text.trim();
      if (!text) return 'noteRequired';
      if (text.length > AUTOMATION_LIMITS.note) return 'noteTooLong';
      return { type: 'add_note', text };
    }
  }
}

/** Moves the item at `index` by `step` (−1 up, +1 down); out of range leaves the list as it is. */
export function moved<T>(list: readonly T[], index: number, step: -1 | 1): T[] {
  const target = index + step;
  if (target < 0 || target >= list.length) return [...list];
  const next = [...list];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}
