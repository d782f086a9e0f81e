import { describe, expect, it } from 'vitest';
import { draftOf, formatDuration, minutesOf } from './duration.ts';

const word = (unit: string, value: number) => `${value} ${unit}`;

describe('SLA target durations', () => {
  it('reads a stored target in the largest unit that divides it', () => {
    expect(draftOf(30)).toEqual({ amount: '30', unit: 'min' });
    expect(draftOf(240)).toEqual({ amount: '4', unit: 'h' });
    expect(draftOf(2880)).toEqual({ amount: '2', unit: 'd' });
    expect(draftOf(90)).toEqual({ amount: '90', unit: 'min' });
    expect(draftOf(null)).toEqual({ amount: '', unit: 'h' });
  });

  it('turns what was typed into whole minutes, refusing what the server would refuse', () => {
    expect(minutesOf({ amount: '', unit: 'h' })).toEqual({ minutes: null });
    expect(minutesOf({ amount: ' 4 ', unit: 'h' })).toEqual({ minutes: 240 });
    expect(minutesOf({ amount: '1,5', unit: 'h' })).toEqual({ minutes: 90 });
    expect(minutesOf({ amount: '1.1', unit: 'h' })).toEqual({ minutes: 66 });
    expect(minutesOf({ amount: '90', unit: 'd' })).toEqual({ minutes: 129_600 });
    expect(minutesOf({ amount: '91', unit: 'd' })).toEqual({ error: 'max' });
    expect(minutesOf({ amount: '0', unit: 'min' })).toEqual({ error: 'min' });
    expect(minutesOf({ amount: '0.5', unit: 'min' })).toEqual({ error: 'whole' });
    expect(minutesOf({ amount: '-3', unit: 'h' })).toEqual({ error: 'number' });
    expect(minutesOf({ amount: 'soon', unit: 'h' })).toEqual({ error: 'number' });
  });

  it('writes a target as days, hours and minutes', () => {
    expect(formatDuration(30, word)).toBe('30 min');
    expect(formatDuration(240, word)).toBe('4 h');
    expect(formatDuration(2880, word)).toBe('2 d');
    expect(formatDuration(90, word)).toBe('1 h 30 min');
    expect(formatDuration(1800, word)).toBe('1 d 6 h');
  });
});
