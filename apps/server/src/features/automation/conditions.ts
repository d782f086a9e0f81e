import type { AutomationCondition, Priority } from '@perch/shared';
import { foldForMatching } from '../rules/rule-matching.ts';

/**
 * Rule conditions, evaluated without I/O (docs/automation.md). A rule holds when every one of its conditions
 * does; an empty list always holds.
 */

/** The latest inbound message the run is about (the received mention, else the conversation's latest). */
export interface MessageFacts {
  text: string;
  language: string | null;
  sentiment: string | null;
  /** Followers of the handle that wrote it (null: unknown author). */
  followers: number | null;
}

/** What does not change during a run. */
export interface RunFacts {
  channelId: string | null;
  isVip: boolean;
  /** The brand's IANA time zone. */
  timeZone: string;
  now: Date;
  message: MessageFacts | null;
}

/** What earlier rules of the same run may have changed (later rules see it). */
export interface CurrentState {
  priority: Priority;
  tagIds: readonly string[];
}

/**
 * Whole words, case and accents ignored, the same folding as the brand keyword rules: "refund" is in "Refund!"
 * but not in "refunded"; a phrase ("lost bag") matches its words in sequence. A keyword with no letter or digit
 * never matches.
 */
export function containsKeyword(text: string, keywords: readonly string[]): boolean {
  const haystack = ` ${foldForMatching(text)} `;
  return keywords.some((k) => {
    const needle = foldForMatching(k);
    return needle.length > 0 && haystack.includes(` ${needle} `);
  });
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Day of week (0 = Sunday) and minutes since midnight at `at` in the time zone; null for an unknown zone. */
export function localClock(at: Date, timeZone: string): { day: number; minutes: number } | null {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      return null;
    }
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  const day = WEEKDAYS.indexOf(parts.weekday ?? '');
  if (day < 0) return null;
  return { day, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Within [from, to) on one of the days. A span over midnight (22:00–06:00) belongs to the day it started:
 * Friday 02:00 is in Thursday's 22:00–06:00 span.
 */
export function withinTimeOfDay(
  clock: { day: number; minutes: number },
  span: { from: string; to: string; days: readonly number[] },
): boolean {
  const from = minutesOf(span.from);
  const to = minutesOf(span.to);
  if (from < to) return span.days.includes(clock.day) && clock.minutes >= from && clock.minutes < to;
  if (clock.minutes >= from) return span.days.includes(clock.day);
  return clock.minutes < to && span.days.includes((clock.day + 6) % 7);
}

export function conditionHolds(condition: AutomationCondition, facts: RunFacts, state: CurrentState): boolean {
  const m = facts.message;
  switch (condition.type) {
    case 'channel':
      return facts.channelId !== null && condition.channelIds.includes(facts.channelId);
    case 'keywords':
      return m !== null && containsKeyword(m.text, condition.keywords);
    case 'language':
      return m?.language != null && condition.languages.includes(m.language.toLowerCase());
    case 'sentiment':
      return m?.sentiment != null && (condition.sentiments as readonly string[]).includes(m.sentiment);
    case 'priority':
      return condition.priorities.includes(state.priority);
    case 'tags': {
      const any = condition.tagIds.some((id) => state.tagIds.includes(id));
      return condition.match === 'any' ? any : !any;
    }
    case 'vip':
      return facts.isVip === condition.vip;
    case 'followers':
      return (
        m?.followers != null &&
        (condition.min === undefined || m.followers >= condition.min) &&
        (condition.max === undefined || m.followers <= condition.max)
      );
    case 'time_of_day': {
      const clock = localClock(facts.now, facts.timeZone);
      return clock !== null && withinTimeOfDay(clock, condition);
    }
  }
}

export const allHold = (conditions: readonly AutomationCondition[], facts: RunFacts, state: CurrentState) =>
  conditions.every((c) => conditionHolds(c, facts, state));
