import type { AutomationAction, AutomationCondition } from '@perch/shared';
import { useTranslation } from '@/lib/use-translation.tsx';
import type { RuleReferents } from './types.ts';

/** A weekday's short name in `locale` (0 = Sunday); 7 January 2024 was a Sunday. */
export function weekdayName(day: number, locale: string, width: 'short' | 'long' = 'short'): string {
  return new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 7 + day)),
  );
}

/** A language code's name in `locale` ("fr" → "French"), the code itself when unknown. */
export function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames(locale, { type: 'language', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * Rules in words, with the names of what they refer to ("channel is Skyward on X and message contains “refund”
 * → add tag Refunds, assign to team Billing"). An id that no longer resolves reads "(deleted)".
 */
export function useRuleSummary(referents: RuleReferents) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const or = (items: string[]) => new Intl.ListFormat(locale, { type: 'disjunction' }).format(items);
  const and = (items: string[]) => new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
  const number = (n: number) => new Intl.NumberFormat(locale).format(n);
  const deleted = t('automation.summary.deleted');
  const nameIn = (list: readonly { id: string; name: string }[], id: string) =>
    list.find((item) => item.id === id)?.name ?? deleted;
  const memberName = (userId: string) => referents.members.find((m) => m.userId === userId)?.name ?? deleted;
  const quoted = (word: string) => t('automation.summary.quoted', { word });

  const condition = (c: AutomationCondition): string => {
    switch (c.type) {
      case 'channel':
        return t('automation.summary.channel', { names: or(c.channelIds.map((id) => nameIn(referents.channels, id))) });
      case 'keywords':
        return t('automation.summary.keywords', { words: or(c.keywords.map(quoted)) });
      case 'language':
        return t('automation.summary.language', { languages: or(c.languages.map((l) => languageName(l, locale))) });
      case 'sentiment':
        return t('automation.summary.sentiment', {
          values: or(c.sentiments.map((s) => t(`automation.sentiments.${s}`))),
        });
      case 'priority':
        return t('automation.summary.priority', {
          values: or(c.priorities.map((p) => t(`automation.priorities.${p}`))),
        });
      case 'tags':
        return t(c.match === 'any' ? 'automation.summary.tagsAny' : 'automation.summary.tagsNone', {
          names: (c.match === 'any' ? or : and)(c.tagIds.map((id) => nameIn(referents.tags, id))),
        });
      case 'vip':
        return t(c.vip ? 'automation.summary.vip' : 'automation.summary.notVip');
      case 'followers':
        if (c.min !== undefined && c.max !== undefined)
          return t('automation.summary.followersBetween', { min: number(c.min), max: number(c.max) });
        return c.min !== undefined
          ? t('automation.summary.followersMin', { min: number(c.min) })
          : t('automation.summary.followersMax', { max: number(c.max ?? 0) });
      case 'time_of_day': {
        const days =
          c.days.length === 7 ? t('automation.summary.everyDay') : and(c.days.map((d) => weekdayName(d, locale)));
        return t('automation.summary.timeOfDay', { from: c.from, to: c.to, days });
      }
    }
  };

  const action = (a: AutomationAction): string => {
    switch (a.type) {
      case 'add_tag':
        return t('automation.summary.addTag', { name: nameIn(referents.tags, a.tagId) });
      case 'set_priority':
        return t('automation.summary.setPriority', { priority: t(`automation.priorities.${a.priority}`) });
      case 'assign_team':
        return t('automation.summary.assignTeam', { name: nameIn(referents.teams, a.teamId) });
      case 'assign_agent':
        return t('automation.summary.assignAgent', { name: memberName(a.userId) });
      case 'add_note':
        return t('automation.summary.addNote');
      case 'notify':
        return t('automation.summary.notify', { names: and(a.userIds.map(memberName)) });
      case 'mark_spam':
        return t('automation.summary.markSpam');
    }
  };

  return {
    conditions: (list: AutomationCondition[]) =>
      list.length ? and(list.map(condition)) : t('automation.summary.always'),
    actions: (list: AutomationAction[]) => list.map(action).join(', '),
  };
}
