import type { TimelineEvent } from '@perch/shared';
import { describe, expect, it } from 'vitest';
import { createI18n } from '@/lib/i18n.ts';
import { en } from '@/locales/en.ts';
import { fr } from '@/locales/fr.ts';
import { describeEvent, type TimelineNames } from './timeline-text.ts';

const lea: [string, string] = ['0190a7e2-0000-7000-8000-00000000b003', 'Léa Martin'];
const event = (type: string, data: Record<string, unknown>, actor: [string, string] | null = lea): TimelineEvent => ({
  id: '1',
  type,
  at: '2026-03-01T10:00:00.000Z',
  actorUserId: actor?.[0] ?? null,
  actorName: actor?.[1] ?? null,
  data,
});
const names: TimelineNames = { user: () => undefined, team: () => undefined, tag: () => undefined, date: (d) => d };

describe('the timeline words every step of a reply', () => {
  it('in English', () => {
    const i18n = createI18n('en', { en, fr });
    const say = (e: TimelineEvent) => describeEvent(e, names, i18n.t);
    expect(say(event('reply_queued', { isDirectMessage: false }))).toBe('Léa Martin sent a public reply');
    expect(say(event('reply_queued', { isDirectMessage: true }))).toBe('Léa Martin sent a direct message');
    expect(say(event('reply_submitted', {}))).toBe('Léa Martin submitted a reply for approval');
    expect(say(event('reply_sent', { networkId: '1' }))).toBe('The reply by Léa Martin was posted');
    expect(say(event('reply_sent', { reconciled: true }))).toBe(
      'The reply by Léa Martin was found posted on the network (its answer had been lost)',
    );
    expect(say(event('reply_failed', { error: 'X 503 Service Unavailable' }))).toBe(
      'A reply could not be delivered yet, it will be tried again: X 503 Service Unavailable',
    );
    expect(say(event('reply_dead', { error: 'X 403 Forbidden' }))).toBe('A reply was not delivered: X 403 Forbidden');
    expect(say(event('reply_approved', { edited: true }))).toBe('Léa Martin edited and approved a reply');
    expect(say(event('reply_rejected', { comment: 'Offer the voucher' }))).toBe(
      'Léa Martin rejected a reply: Offer the voucher',
    );
    expect(say(event('reply_canceled', {}))).toBe('Léa Martin canceled a reply');
  });

  it('in French', () => {
    const i18n = createI18n('fr', { en, fr });
    const say = (e: TimelineEvent) => describeEvent(e, names, i18n.t);
    expect(say(event('reply_queued', { isDirectMessage: false }))).toBe('Léa Martin a envoyé une réponse publique');
    expect(say(event('reply_approved', {}))).toBe('Léa Martin a approuvé une réponse');
    expect(say(event('reply_retried', {}))).toBe('Léa Martin a relancé une réponse');
  });
});
