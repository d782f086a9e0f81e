import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '@perch/shared';
import { businessMs } from './business-hours.ts';
import { computeConversationMetrics } from './episodes.ts';
import type { MetricEvent } from './metric-events.ts';

const day = [{ start: '09:00', end: '18:00' }];
/** Monday–Friday 09:00–18:00 in Paris (UTC+1 in early March). */
const office: BusinessCalendar = { timeZone: 'Europe/Paris', week: [day, day, day, day, day, [], []], holidays: [] };

describe('metric definitions v1: business-hours twins', () => {
  it('a message at night: the twins count only the office hours', () => {
    let id = 0;
    const event = (iso: string, type: string, actorUserId: string | null, data = {}): MetricEvent => ({
      id: ++id,
      type,
      actorUserId,
      data,
      occurredAt: new Date(iso),
    });
    const events = [
      event('2026-03-02T16:30:00Z', 'conversation_created', null), // Monday 17:30 in Paris
      event('2026-03-02T16:30:00Z', 'received', null, { kind: 'mention', spam: false }),
      event('2026-03-03T08:15:00Z', 'reply_queued', 'agent-a', { replyId: 'r1' }),
      event('2026-03-03T08:20:00Z', 'reply_sent', 'agent-a', { replyId: 'r1' }), // Tuesday 09:20
      event('2026-03-03T08:30:00Z', 'status_changed', 'agent-a', { from: 'new', to: 'resolved' }),
    ];
    const calendar = computeConversationMetrics(events).episodes[0]!;
    expect(calendar.firstResponse!.ms).toBe((15 * 60 + 50) * 60_000);
    expect(calendar.resolutionMs).toBe(16 * 3_600_000);

    const twins = computeConversationMetrics(events, { duration: (from, to) => businessMs(office, from, to) });
    const [episode] = twins.episodes;
    // Monday 17:30–18:00, then Tuesday 09:00–09:20 (first response) or 09:30 (resolution).
    expect(episode!.firstResponse).toMatchObject({ ms: 50 * 60_000, agentUserId: 'agent-a' });
    expect(episode!.replyTimes.map((r) => r.ms)).toEqual([50 * 60_000]);
    expect(episode!.resolutionMs).toBe(60 * 60_000);
    expect(episode!.requesterWaitMs).toBe(60 * 60_000);
    expect(twins.fullResolutionMs).toBe(60 * 60_000);
  });
});
