import { SLA_LIMITS } from '@perch/shared';

/** The units a target is typed in; the server stores whole minutes. */
export const DURATION_UNITS = ['min', 'h', 'd'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
export const UNIT_MINUTES: Record<DurationUnit, number> = { min: 1, h: 60, d: 24 * 60 };

export interface DurationDraft {
  /** What the manager typed ('' = no target). */
  amount: string;
  unit: DurationUnit;
}

/** Why a typed target is refused; the same rules as the server's zod schema (saveSlaPolicyInput). */
export type DurationError = 'number' | 'whole' | 'min' | 'max';

/** A stored target as the form shows it: in the largest unit that divides it exactly (240 → 4 h, 90 → 90 min). */
export function draftOf(minutes: number | null, emptyUnit: DurationUnit = 'h'): DurationDraft {
  if (minutes === null) return { amount: '', unit: emptyUnit };
  const unit = [...DURATION_UNITS].reverse().find((u) => minutes % UNIT_MINUTES[u] === 0) ?? 'min';
  return { amount: String(minutes / UNIT_MINUTES[unit]), unit };
}

/**
 * The minutes a draft stands for: null when empty (no target), else a whole number of minutes from 1 to 90 days.
 * A decimal comma is accepted ("1,5 h" is 90 minutes), as French managers type it.
 */
export function minutesOf(draft: DurationDraft): { minutes: number | null } | { error: DurationError } {
  const typed = draft.amount.trim().replace(',', '.');
  if (!typed) return { minutes: null };
  if (!/^\d+(\.\d+)?$/.test(typed)) return { error: 'number' };
  // Rounded to a millionth first: 1.1 h is 66 minutes, not 66.00000000000001.
  const minutes = Math.round(Number(typed) * UNIT_MINUTES[draft.unit] * 1e6) / 1e6;
  if (!Number.isInteger(minutes)) return { error: 'whole' };
  if (minutes < 1) return { error: 'min' };
  if (minutes > SLA_LIMITS.targetMinutesMax) return { error: 'max' };
  return { minutes };
}

/**
 * A target for reading: "30 min", "4 h", "2 d", "1 d 6 h", "1 h 30 min" — whole days, hours and minutes, largest
 * first, zero parts left out. `word` gives one part in the interface language.
 */
export function formatDuration(minutes: number, word: (unit: DurationUnit, value: number) => string): string {
  const days = Math.floor(minutes / UNIT_MINUTES.d);
  const hours = Math.floor((minutes % UNIT_MINUTES.d) / UNIT_MINUTES.h);
  const rest = minutes % UNIT_MINUTES.h;
  const parts: string[] = [];
  if (days) parts.push(word('d', days));
  if (hours) parts.push(word('h', hours));
  if (rest || parts.length === 0) parts.push(word('min', rest));
  return parts.join(' ');
}
