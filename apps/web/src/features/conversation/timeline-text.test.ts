import type { SlaEventData, TimelineEvent } from '@perch/shared';
import { describe, expect, it } from 'vitest';
import { createI18n } from '@/lib/i18n.ts';
import { en } from '@/locales/en.ts';
import { fr } from '@/locales/fr.ts';
import { describeEvent, type TimelineNames } from './timeline-text.ts';

/** The SLA engine's events: no actor, `at` = the warning or due time (sla_met: the fulfilling time). */
const sla = (type: string, at: string, data: SlaEventData & { warnAtPercent?: number }): TimelineEvent => ({
  id: '1',
  type,
  at,
  actorUserId: null,
  actorName: null,
  data: { ...data },
});
// The brand's local time of day, as the timeline's date formatter would give it for these UTC instants.
const names: TimelineNames = {
  user: () => undefined,
  team: () => undefined,
  tag: () => undefined,
  date: (iso) => iso.slice(11, 16),
};

const breached = sla('sla_breached', '2026-03-02T14:05:00.000Z', {
  target: 'first_response',
  episode: 1,
  dueAt: '2026-03-02T14:05:00.000Z',
  targetMinutes: 60,
  businessHours: true,
});
// 4 hours of calendar time, warned with 1 hour left: 75 % used.
const warned = sla('sla_warning', '2026-03-02T12:00:00.000Z', {
  target: 'resolution',
  episode: 1,
  dueAt: '2026-03-02T13:00:00.000Z',
  targetMinutes: 240,
  businessHours: false,
});
const met = sla('sla_met', '2026-03-02T10:20:00.000Z', {
  target: 'next_response',
  episode: 2,
  dueAt: '2026-03-02T11:00:00.000Z',
  targetMinutes: 60,
  businessHours: true,
});
// On business hours the share used is not in the times: the event's own figure, or none.
const warnedOnBusinessHours = sla('sla_warning', '2026-03-02T17:30:00.000Z', {
  target: 'first_response',
  episode: 1,
  dueAt: '2026-03-03T09:15:00.000Z',
  targetMinutes: 60,
  businessHours: true,
});

describe('the timeline words the SLA events', () => {
  it('in English', () => {
    const i18n = createI18n('en', { en, fr });
    const say = (e: TimelineEvent) => describeEvent(e, names, i18n.t);
    expect(say(breached)).toBe('First response SLA breached (due 14:05)');
    expect(say(warned)).toBe('Resolution SLA at 75% (due 13:00)');
    expect(say(met)).toBe('Next response SLA met');
    expect(say(warnedOnBusinessHours)).toBe('First response SLA warning (due 09:15)');
    expect(say({ ...warnedOnBusinessHours, data: { ...warnedOnBusinessHours.data, warnAtPercent: 80 } })).toBe(
      'First response SLA at 80% (due 09:15)',
    );
  });

  it('in French', () => {
    const i18n = createI18n('fr', { en, fr });
    const say = (e: TimelineEvent) => describeEvent(e, names, i18n.t);
    expect(say(breached)).toBe('SLA de première réponse dépassé (échéance 14:05)');
    expect(say(warned)).toBe('SLA de résolution à 75 % (échéance 13:00)');
    expect(say(met)).toBe('SLA de réponse suivante respecté');
    expect(say(warnedOnBusinessHours)).toBe('Avertissement SLA de première réponse (échéance 09:15)');
  });
});
