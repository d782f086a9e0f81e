import { businessCalendarSchema } from '@perch/shared';
import { describe, expect, it } from 'vitest';
import { businessMs } from '../features/metrics/business-hours.ts';
import { computeConversationMetrics } from '../features/metrics/episodes.ts';
import { statusAfter, type MetricEvent } from '../features/metrics/metric-events.ts';
import {
  demoBusinessCalendar,
  historyId,
  planBrandHistory,
  type EventRow,
  type HistoryBrand,
  type HistoryRows,
} from './demo-history-plan.ts';

const NOW = new Date('2026-11-30T08:00:00Z');
const DAY = 86_400_000;

const skyward: HistoryBrand = {
  id: '0195c5a0-0000-7000-8000-000000000001',
  organizationId: '0195c5a0-0000-7000-8000-000000000002',
  name: 'Skyward Air',
  handle: 'SkywardAir',
  timeZone: 'Europe/Paris',
  locale: 'fr',
  index: 0,
  agents: ['a1', 'a2', 'a3'].map((userId) => ({ userId, teamId: 'team-care' })),
  tags: new Map(['baggage', 'cancellations', 'delays', 'praise', 'refunds'].map((name) => [name, `tag-${name}`])),
};
const northwind: HistoryBrand = {
  ...skyward,
  id: '0195c5a0-0000-7000-8000-000000000003',
  name: 'Northwind Telecom',
  handle: 'NorthwindCares',
  timeZone: 'America/New_York',
  locale: 'en',
  tags: new Map(['outage', 'billing', 'praise'].map((name) => [name, `tag-${name}`])),
};

const plans = new Map<string, HistoryRows>();
const plan = (brand: HistoryBrand) => {
  const found = plans.get(brand.id);
  if (found) return found;
  const rows = planBrandHistory(brand, { now: NOW });
  plans.set(brand.id, rows);
  return rows;
};

/** The planned event log of each conversation, as the metrics read it (ids in insertion order). */
function logs(rows: HistoryRows) {
  const byConversation = new Map<string, (MetricEvent & EventRow)[]>();
  rows.events.forEach((e, i) => {
    const log = byConversation.get(e.conversationId) ?? [];
    log.push({ ...e, id: i + 1 });
    byConversation.set(e.conversationId, log);
  });
  return byConversation;
}

const share = (xs: number[], test: (x: number) => boolean) => xs.filter(test).length / xs.length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const tally = (xs: (string | null)[]) => {
  const counts: Record<string, number> = {};
  for (const x of xs) counts[x ?? ''] = (counts[x ?? ''] ?? 0) + 1;
  return counts;
};

describe('demo history plan', () => {
  it('is deterministic: the same brand and time give the same rows, another time other rows', () => {
    const twice = [0, 1].map(() => planBrandHistory(skyward, { now: NOW, weeks: 2 }));
    const [a, b] = twice.map((rows) => JSON.stringify({ ...rows, kinds: [...rows.kinds] }));
    expect(a).toBe(b);
    const later = planBrandHistory(skyward, { now: new Date(NOW.getTime() + DAY), weeks: 2 });
    expect(later.conversations[0]!.id).not.toBe(twice[0]!.conversations[0]!.id);
    const reseeded = planBrandHistory(skyward, { now: NOW, weeks: 2, seed: 2 });
    expect(reseeded.mentions.slice(0, 20).map((m) => m.text)).not.toEqual(
      twice[0]!.mentions.slice(0, 20).map((m) => m.text),
    );
    // A full plan gives the same as the one the other tests read.
    expect(planBrandHistory(skyward, { now: NOW }).events.length).toBe(plan(skyward).events.length);
  }, 60_000);

  it('covers six weeks with ~40 conversations a day, more on weekdays and in the morning, in the brand’s zone', () => {
    const rows = plan(skyward);
    expect(rows.conversations.length).toBeGreaterThan(1_400);
    expect(rows.conversations.length).toBeLessThan(2_000);
    const created = rows.conversations.map((c) => c.createdAt.getTime());
    expect(Math.min(...created)).toBeLessThan(NOW.getTime() - 41 * DAY);
    expect(Math.min(...created)).toBeGreaterThanOrEqual(NOW.getTime() - 42 * DAY);
    expect(Math.max(...created)).toBeLessThan(NOW.getTime() - 3 * 3_600_000);
    const local = (d: Date) => {
      const parts = new Intl.DateTimeFormat('en-US', {
        timeZone: 'Europe/Paris',
        weekday: 'short',
        hour: 'numeric',
        hourCycle: 'h23',
      }).formatToParts(d);
      return {
        weekday: parts.find((p) => p.type === 'weekday')!.value,
        hour: Number(parts.find((p) => p.type === 'hour')!.value),
      };
    };
    const when = rows.conversations.map((c) => local(c.createdAt));
    const monday = when.filter((w) => w.weekday === 'Mon').length;
    const sunday = when.filter((w) => w.weekday === 'Sun').length;
    expect(monday).toBeGreaterThan(1.3 * sunday);
    const morning = when.filter((w) => w.hour >= 9 && w.hour < 12).length;
    const night = when.filter((w) => w.hour >= 1 && w.hour < 4).length;
    expect(morning).toBeGreaterThan(8 * night);
  });

  it('writes only the past, each conversation’s events in order, replies once sent, ids time-ordered', () => {
    const rows = plan(skyward);
    for (const log of logs(rows).values()) {
      for (let i = 1; i < log.length; i++) {
        expect(log[i]!.occurredAt.getTime()).toBeGreaterThanOrEqual(log[i - 1]!.occurredAt.getTime());
      }
      expect(log[0]!.type).toBe('conversation_created');
      expect(log[1]!.type).toBe('received');
      expect(log.at(-1)!.occurredAt.getTime()).toBeLessThan(NOW.getTime());
    }
    const sent = rows.events.filter((e) => e.type === 'reply_sent').map((e) => e.data.replyId);
    expect(new Set(sent).size).toBe(rows.replies.length);
    expect(rows.replies.every((r) => r.state === 'sent' && sent.includes(r.id))).toBe(true);
    expect(new Set(rows.mentions.map((m) => m.externalId)).size).toBe(rows.mentions.length);
    expect(new Set(rows.handles.map((h) => h.externalUserId)).size).toBe(rows.handles.length);
    // UUIDv7 at the row's time: keyset scans see history where it belongs.
    const c = rows.conversations[0]!;
    expect(c.id.slice(0, 13).replace('-', '')).toBe(c.createdAt.getTime().toString(16).padStart(12, '0'));
    expect(historyId('x', 0)).toMatch(/^00000000-0000-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('leaves each conversation row as its events say: status, resolution, episode start, waiting', () => {
    const rows = plan(skyward);
    const byId = logs(rows);
    for (const c of rows.conversations) {
      const log = byId.get(c.id)!;
      const statuses = log.map(statusAfter).filter((s) => s !== null);
      expect(statuses.at(-1), c.id).toBe(c.status);
      const metrics = computeConversationMetrics(log);
      const last = metrics.episodes.at(-1)!;
      expect(c.episodeStartedAt.getTime(), c.id).toBe(last.startedAt.getTime());
      expect(c.resolvedAt?.getTime() ?? null, c.id).toBe(last.resolvedAt?.getTime() ?? null);
      if (c.status !== 'resolved') expect(c.createdAt.getTime()).toBeLessThan(NOW.getTime() - 4 * DAY);
    }
    const kinds = tally([...rows.kinds.values()]);
    expect(kinds).toMatchObject({ open_forgotten: 1, open_pending: 2 });
    expect(tally(rows.conversations.map((c) => c.status))).toEqual({
      resolved: rows.conversations.length - 3,
      new: 1,
      pending: 2,
    });
  });

  it('first responses take 5–60 business minutes mostly, nights are slower, and the special cases all occur', () => {
    const rows = plan(skyward);
    const calendar = businessCalendarSchema.parse(demoBusinessCalendar(skyward.timeZone));
    const business: number[] = [];
    const day: number[] = [];
    const night: number[] = [];
    const byAgent = new Set<string>();
    let reopened = 0;
    let retriedCountedOnce = 0;
    for (const log of logs(rows).values()) {
      const metrics = computeConversationMetrics(log);
      const twin = computeConversationMetrics(log, { duration: (a, b) => businessMs(calendar, a, b) });
      if (metrics.episodes.length > 1) reopened++;
      const first = metrics.episodes[0]!;
      if (!first.firstResponse) continue;
      byAgent.add(first.firstResponse.agentUserId);
      business.push(twin.episodes[0]!.firstResponse!.ms / 60_000);
      const open = businessMs(calendar, first.startedAt, new Date(first.startedAt.getTime() + 60_000)) > 0;
      (open ? day : night).push(first.firstResponse.ms / 60_000);
      if (log.some((e) => e.type === 'reply_failed')) {
        const sent = log.filter((e) => e.type === 'reply_sent');
        expect(first.firstResponse.at).toEqual(sent[0]!.occurredAt);
        retriedCountedOnce++;
      }
    }
    expect(share(business, (m) => m >= 3 && m <= 60)).toBeGreaterThan(0.85);
    expect(share(business, (m) => m >= 5 && m <= 60)).toBeGreaterThan(0.75);
    expect(median(business)).toBeGreaterThan(8);
    expect(median(business)).toBeLessThan(35);
    expect(share(day, (m) => m <= 75)).toBeGreaterThan(0.8);
    expect(median(night)).toBeGreaterThan(3 * median(day));
    expect(byAgent).toEqual(new Set(['a1', 'a2', 'a3']));
    expect(reopened).toBeGreaterThan(40);
    expect(retriedCountedOnce).toBeGreaterThan(20);
    const types = tally(rows.events.map((e) => e.type));
    for (const type of ['snoozed', 'woke', 'note_added', 'tags_changed', 'priority_changed', 'reply_retried']) {
      expect(types[type], type).toBeGreaterThan(10);
    }
    expect(types.snoozed).toBe(types.woke);
    const pendingThenBack = rows.events.filter((e) => e.type === 'status_changed' && e.data.from === 'pending');
    expect(pendingThenBack.length).toBeGreaterThan(50);
    // A few never answered (spam, a praise nobody thanked, the forgotten one).
    const unanswered = rows.conversations.filter((c) => c.lastOutboundAt === null).length;
    expect(unanswered / rows.conversations.length).toBeGreaterThan(0.02);
    expect(unanswered / rows.conversations.length).toBeLessThan(0.08);
  });

  it('mixes priorities, tags, sentiments and languages: French for the French brand, English in New York', () => {
    const air = plan(skyward).conversations;
    const languages = tally(air.map((c) => c.language));
    expect(languages.fr! / air.length).toBeGreaterThan(0.5);
    expect(languages.en! / air.length).toBeGreaterThan(0.3);
    const priorities = tally(air.map((c) => c.priority));
    for (const p of ['urgent', 'high', 'normal', 'low']) expect(priorities[p]! / air.length, p).toBeGreaterThan(0.05);
    const sentiments = tally(air.map((c) => c.sentiment));
    for (const s of ['negative', 'neutral', 'positive']) expect(sentiments[s]! / air.length, s).toBeGreaterThan(0.05);
    const tags = tally(air.flatMap((c) => c.tagIds));
    for (const t of skyward.tags.values()) expect(tags[t], t).toBeGreaterThan(20);
    // The French texts and replies are French.
    const french = plan(skyward).mentions.filter((m) => m.language === 'fr');
    expect(
      share(
        french.map((m) => (/[éèàç]| le | la | de /.test(m.text) ? 1 : 0)),
        (x) => x === 1,
      ),
    ).toBeGreaterThan(0.6);

    const nw = plan(northwind).conversations;
    const nwLanguages = tally(nw.map((c) => c.language));
    expect(nwLanguages.en! / nw.length).toBeGreaterThan(0.85);
    expect(nwLanguages.fr).toBeUndefined();
    expect(tally(nw.flatMap((c) => c.tagIds))['tag-outage']).toBeGreaterThan(20);
  });
});
