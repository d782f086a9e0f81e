import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AutomationCondition } from '@perch/shared';
import {
  allHold,
  conditionHolds,
  containsKeyword,
  localClock,
  withinTimeOfDay,
  type CurrentState,
  type RunFacts,
} from './conditions.ts';

const facts = (over: Partial<RunFacts> = {}): RunFacts => ({
  channelId: 'channel-1',
  isVip: false,
  timeZone: 'Europe/Paris',
  now: new Date('2026-11-30T10:00:00Z'),
  message: { text: 'I want a Refund!', language: 'en', sentiment: 'negative', followers: 1200 },
  ...over,
});
const state: CurrentState = { priority: 'normal', tagIds: ['tag-a'] };
const holds = (c: AutomationCondition, f = facts(), s = state) => conditionHolds(c, f, s);

describe('keywords: whole words, case and accents ignored', () => {
  it('"refund" matches "Refund!" but not "refunded"; phrases match in sequence', () => {
    expect(containsKeyword('I want a Refund!', ['refund'])).toBe(true);
    expect(containsKeyword('They refunded me', ['refund'])).toBe(false);
    expect(containsKeyword('I lost my bag', ['lost bag'])).toBe(false);
    expect(containsKeyword('Lost   bag at CDG', ['lost bag'])).toBe(true);
    expect(containsKeyword('Vol annulé !', ['annule'])).toBe(true);
    expect(containsKeyword('Привет, возврат денег', ['Возврат'])).toBe(true);
    expect(containsKeyword('anything', ['!!!'])).toBe(false);
  });

  it('a word always matches itself inside any surrounding punctuation (property)', () => {
    const word = fc.stringMatching(/^[a-z]{1,12}$/);
    const filler = fc.stringMatching(/^[ .,!?;:()-]{1,4}$/);
    fc.assert(
      fc.property(word, filler, filler, fc.boolean(), (w, before, after, upper) => {
        const text = `${before}${upper ? w.toUpperCase() : w}${after}`;
        expect(containsKeyword(text, [w])).toBe(true);
        // A longer word that merely starts with the keyword is not the keyword.
        expect(containsKeyword(`${before}${w}xyz${after}`, [w])).toBe(false);
      }),
    );
  });
});

describe('time of day in the brand time zone', () => {
  it('reads the local day and time (Paris is UTC+1 in winter)', () => {
    expect(localClock(new Date('2026-11-30T10:00:00Z'), 'Europe/Paris')).toEqual({ day: 1, minutes: 11 * 60 });
    expect(localClock(new Date('2026-11-30T03:30:00Z'), 'America/New_York')).toEqual({ day: 0, minutes: 22 * 60 + 30 });
    expect(localClock(new Date(), 'Mars/Olympus')).toBeNull();
  });

  it('a span over midnight belongs to the day it started', () => {
    const thursdayNights = { from: '22:00', to: '06:00', days: [4] };
    expect(withinTimeOfDay({ day: 4, minutes: 23 * 60 }, thursdayNights)).toBe(true);
    expect(withinTimeOfDay({ day: 5, minutes: 2 * 60 }, thursdayNights)).toBe(true); // Friday 02:00
    expect(withinTimeOfDay({ day: 4, minutes: 2 * 60 }, thursdayNights)).toBe(false); // Wednesday's span
    expect(withinTimeOfDay({ day: 5, minutes: 6 * 60 }, thursdayNights)).toBe(false); // the end is excluded
  });

  it('every minute of every day is in exactly one of [a, b) and [b, a) (property)', () => {
    const minute = fc.integer({ min: 0, max: 1439 });
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    fc.assert(
      fc.property(minute, minute, fc.integer({ min: 0, max: 6 }), minute, (a, b, day, at) => {
        fc.pre(a !== b);
        const all = [0, 1, 2, 3, 4, 5, 6];
        const inFirst = withinTimeOfDay({ day, minutes: at }, { from: hhmm(a), to: hhmm(b), days: all });
        const inSecond = withinTimeOfDay({ day, minutes: at }, { from: hhmm(b), to: hhmm(a), days: all });
        expect(inFirst !== inSecond).toBe(true);
      }),
    );
  });

  it('evaluates against the run time in the brand zone', () => {
    const mornings: AutomationCondition = { type: 'time_of_day', from: '09:00', to: '12:00', days: [1] };
    expect(holds(mornings)).toBe(true); // Monday 11:00 in Paris
    expect(holds(mornings, facts({ timeZone: 'America/New_York' }))).toBe(false); // 05:00 there
  });
});

describe('the other conditions', () => {
  it('reads the message, the conversation and the state the run has reached', () => {
    expect(holds({ type: 'channel', channelIds: ['channel-1'] })).toBe(true);
    expect(holds({ type: 'channel', channelIds: ['channel-2'] })).toBe(false);
    expect(holds({ type: 'language', languages: ['fr', 'en'] })).toBe(true);
    expect(holds({ type: 'sentiment', sentiments: ['positive'] })).toBe(false);
    expect(holds({ type: 'priority', priorities: ['normal'] })).toBe(true);
    expect(holds({ type: 'priority', priorities: ['normal'] }, facts(), { ...state, priority: 'high' })).toBe(false);
    expect(holds({ type: 'tags', match: 'any', tagIds: ['tag-a', 'tag-b'] })).toBe(true);
    expect(holds({ type: 'tags', match: 'none', tagIds: ['tag-a'] })).toBe(false);
    expect(holds({ type: 'vip', vip: false })).toBe(true);
    expect(holds({ type: 'followers', min: 1000 })).toBe(true);
    expect(holds({ type: 'followers', min: 0, max: 1199 })).toBe(false);
  });

  it('conditions on the message never hold without one', () => {
    const none = facts({ message: null });
    expect(holds({ type: 'keywords', keywords: ['refund'] }, none)).toBe(false);
    expect(holds({ type: 'language', languages: ['en'] }, none)).toBe(false);
    expect(holds({ type: 'followers', max: 10 }, none)).toBe(false);
  });

  it('all conditions must hold; none always holds', () => {
    expect(allHold([], facts(), state)).toBe(true);
    expect(
      allHold(
        [
          { type: 'vip', vip: false },
          { type: 'vip', vip: true },
        ],
        facts(),
        state,
      ),
    ).toBe(false);
  });
});
