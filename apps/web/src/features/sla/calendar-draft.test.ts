import { describe, expect, it } from 'vitest';
import {
  calendarErrors,
  calendarOf,
  draftOf,
  holidayError,
  nextRange,
  normalizeTime,
  presetWeek,
  range,
  type CalendarDraft,
} from './calendar-draft.ts';

const closedWeek = () => Array.from({ length: 7 }, () => []);
const draft = (overrides: Partial<CalendarDraft> = {}): CalendarDraft => ({
  timeZone: 'Europe/Paris',
  week: presetWeek('office'),
  holidays: [],
  ...overrides,
});

describe('the business-hours draft', () => {
  it('starts from office hours in the brand’s zone when the brand has no calendar', () => {
    const fresh = draftOf(null, 'America/New_York');
    expect(calendarOf(fresh)).toEqual({
      timeZone: 'America/New_York',
      week: [...Array.from({ length: 5 }, () => [{ start: '09:00', end: '18:00' }]), [], []],
      holidays: [],
    });
  });

  it('saves each day’s ranges in order and the holidays sorted', () => {
    const week = presetWeek('office');
    week[0] = [range('13:00', '18:00'), range('09:00', '12:00')];
    const calendar = calendarOf(draft({ week, holidays: ['2026-12-25', '2026-05-01'] }));
    expect(calendar?.week[0]).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '18:00' },
    ]);
    expect(calendar?.holidays).toEqual(['2026-05-01', '2026-12-25']);
  });

  it('puts each refusal at its field, with the shared schema’s rules', () => {
    const bad = range('9h', '24:00');
    const reversed = range('18:00', '09:00');
    const overlapping = [range('09:00', '12:00'), range('11:00', '14:00')];
    const week = closedWeek() as CalendarDraft['week'];
    week[0] = [bad];
    week[1] = [reversed];
    week[2] = overlapping;
    week[3] = [range('08:00', '24:01')];
    const errors = calendarErrors(draft({ timeZone: '+01:00', week }));
    expect(errors.get('timeZone')).toEqual(['timeZone']);
    expect(errors.get(`range.${bad.key}.start`)).toEqual(['start']);
    expect(errors.get(`range.${bad.key}.end`)).toBeUndefined();
    expect(errors.get(`range.${reversed.key}.end`)).toEqual(['endAfterStart']);
    expect(errors.get(`range.${overlapping[1]!.key}.start`)).toEqual(['overlap']);
    expect(errors.get(`range.${overlapping[0]!.key}.start`)).toBeUndefined();
    expect(errors.get(`range.${week[3][0]!.key}.end`)).toEqual(['end']);
    expect(calendarOf(draft({ week }))).toBeNull();
  });

  it('allows touching ranges and 24:00, refuses a week that is never open and a seventh range', () => {
    const week = presetWeek('always');
    week[0] = [range('00:00', '12:00'), range('12:00', '24:00')];
    expect(calendarErrors(draft({ week })).size).toBe(0);
    expect(calendarErrors(draft({ week: closedWeek() })).get('week')).toEqual(['neverOpen']);
    const crowded = presetWeek('office');
    crowded[0] = ['01', '03', '05', '07', '09', '11', '13'].map((h) => range(`${h}:00`, `${h}:30`));
    expect(calendarErrors(draft({ week: crowded })).get('day.0')).toEqual(['tooManyRanges']);
  });

  it('checks a holiday before adding it', () => {
    const d = draft({ holidays: ['2026-05-01'] });
    expect(holidayError(d, '2026-12-25')).toBeNull();
    expect(holidayError(d, '2026-05-01')).toBe('duplicateDate');
    expect(holidayError(d, '2026-02-30')).toBe('date');
    expect(holidayError(d, '')).toBe('date');
  });

  it('reads times as people type them and proposes the next hour for a new range', () => {
    expect(normalizeTime('9:00')).toBe('09:00');
    expect(normalizeTime('9h30')).toBe('09:30');
    expect(normalizeTime('14')).toBe('14:00');
    expect(normalizeTime('noon')).toBe('noon');
    expect(nextRange([]).start).toBe('09:00');
    const after = nextRange([range('09:00', '12:00')]);
    expect([after.start, after.end]).toEqual(['12:00', '13:00']);
    const late = nextRange([range('20:00', '23:30')]);
    expect([late.start, late.end]).toEqual(['23:30', '24:00']);
  });
});
