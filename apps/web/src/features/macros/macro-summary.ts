import type { TFunction } from '@/lib/i18n.ts';
import type { MacroAction } from './types.ts';

export interface MacroNames {
  tag: (id: string) => string | undefined;
  team: (id: string) => string | undefined;
}

const NOTE_PREVIEW = 40;

/** One action in words, with tag and team names: "add tag “refund”", "priority urgent", "snooze 4 h". */
export function describeMacroAction(action: MacroAction, names: MacroNames, t: TFunction): string {
  switch (action.type) {
    case 'add_tag':
    case 'remove_tag':
      return t(`macros.summary.${action.type}`, { tag: names.tag(action.tagId) ?? t('macros.summary.unknown') });
    case 'set_priority':
      return t('macros.summary.set_priority', {
        priority: t(`conversation.priority.${action.priority}`).toLocaleLowerCase(),
      });
    case 'set_status':
      return t('macros.summary.set_status', {
        status: t(`conversation.status.${action.status}`).toLocaleLowerCase(),
      });
    case 'snooze':
      return t('macros.summary.snooze', { hours: action.hours });
    case 'assign_team':
      return action.teamId === null
        ? t('macros.summary.no_team')
        : t('macros.summary.assign_team', { team: names.team(action.teamId) ?? t('macros.summary.unknown') });
    case 'assign_self':
    case 'unassign':
      return t(`macros.summary.${action.type}`);
    case 'add_note': {
      const text = action.text.length > NOTE_PREVIEW ? `${action.text.slice(0, NOTE_PREVIEW)}…` : action.text;
      return t('macros.summary.add_note', { text });
    }
  }
}

/** The whole macro on one line: "add tag “refund” · priority urgent · team Billing". */
export function describeMacro(actions: readonly MacroAction[], names: MacroNames, t: TFunction): string {
  return actions.map((action) => describeMacroAction(action, names, t)).join(' · ');
}
