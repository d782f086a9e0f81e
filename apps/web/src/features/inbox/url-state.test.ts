import { INBOX_SORTS, inboxFiltersSchema, SLA_STATES } from '@perch/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, highlightParts, initials, safeColor, slaClock } from './format.ts';
import { liveRefresher, throttle } from './live-events.ts';
import { parseInboxSearch, parseView, requestFilters, serialiseInboxSearch, type InboxUrlState } from './url-state.ts';

const id = (n: number) => `0190a7e2-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('inbox URL state', () => {
  it('parses every filter, the brand, the sort and the search', () => {
    const params = new URLSearchParams(
      `brand=${id(1)}&status=open,pending&priority=urgent&sentiment=negative&lang=fr&tag=${id(2)}&assignee=none,${id(3)}` +
        `&team=${id(4)}&sla=breached&vip=1&from=2026-01-01T00:00:00.000Z&to=2026-02-01T00:00:00.000Z&channel=${id(5)}&sort=sla_due&q=lost%20bag`,
    );
    expect(parseInboxSearch(params)).toEqual({
      brandId: id(1),
      filters: {
        statuses: ['open', 'pending'],
        priorities: ['urgent'],
        sentiments: ['negative'],
        languages: ['fr'],
        tagIds: [id(2)],
        assigneeUserIds: ['none', id(3)],
        teamIds: [id(4)],
        slaStates: ['breached'],
        vip: true,
        from: '2026-01-01T00:00:00.000Z',
        to: '2026-02-01T00:00:00.000Z',
        channelIds: [id(5)],
      },
      sort: 'sla_due',
      q: 'lost bag',
    });
  });

  it('drops bad values instead of failing (keeps the good ones)', () => {
    const params = new URLSearchParams(
      'brand=nope&status=open,exploded,,open&priority=%3Cscript%3E&lang=english&tag=1&vip=yes&from=yesterday&sort=random&q=%20%20',
    );
    expect(parseInboxSearch(params)).toEqual({ brandId: null, filters: { statuses: ['open'] }, sort: null, q: '' });
    expect(parseView('all_open')).toBe('all_open');
    expect(parseView(id(9))).toBe(id(9));
    expect(parseView('../../admin')).toBeNull();
    expect(parseView(undefined)).toBeNull();
  });

  it('whatever the URL holds, the parsed filters are accepted by the contract (inboxFiltersSchema)', () => {
    const token = fc.oneof(
      fc.constantFrom('open', 'new', 'urgent', 'none', 'fr', 'english', 'breached', 'negative', '', ' ', 'x'),
      fc.integer({ min: 1, max: 9 }).map(id),
      fc.string({ maxLength: 40 }),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    );
    const keys = ['status', 'priority', 'sentiment', 'lang', 'tag', 'assignee', 'team', 'sla', 'channel', 'from', 'to'];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), fc.array(token, { maxLength: 4 })), (raw) => {
        const params = new URLSearchParams();
        for (const [key, values] of Object.entries(raw)) params.set(key, values.join(','));
        const { filters } = parseInboxSearch(params);
        expect(inboxFiltersSchema.safeParse(filters).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('caps a filter at 20 values', () => {
    const many = Array.from({ length: 30 }, (_, i) => id(i + 1)).join(',');
    expect(parseInboxSearch(new URLSearchParams(`tag=${many}`)).filters.tagIds).toHaveLength(20);
  });

  it('round-trips: parse(serialise(state)) = state, and serialise is canonical', () => {
    const uuid = fc.integer({ min: 1, max: 999 }).map(id);
    const some = <T>(arb: fc.Arbitrary<T>) =>
      fc.option(fc.uniqueArray(arb, { minLength: 1, maxLength: 5 }), { nil: undefined });
    const state: fc.Arbitrary<InboxUrlState> = fc.record({
      brandId: fc.option(uuid, { nil: null }),
      filters: fc
        .record({
          statuses: some(fc.constantFrom('new', 'open', 'pending', 'snoozed', 'resolved' as const)),
          priorities: some(fc.constantFrom('urgent', 'high', 'normal', 'low' as const)),
          tagIds: some(uuid),
          assigneeUserIds: some(fc.oneof(uuid, fc.constant('none'))),
          slaStates: some(fc.constantFrom(...SLA_STATES)),
          vip: fc.option(fc.constant(true), { nil: undefined }),
        })
        .map((f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined))),
      sort: fc.option(fc.constantFrom(...INBOX_SORTS), { nil: null }),
      q: fc.string({ maxLength: 40 }).map((s) => s.trim()),
    });
    fc.assert(
      fc.property(state, (s) => {
        const query = serialiseInboxSearch(s);
        const parsed = parseInboxSearch(new URLSearchParams(query.toString()));
        expect(parsed).toEqual(s);
        expect(serialiseInboxSearch(parsed).toString()).toBe(query.toString());
      }),
    );
  });

  it('sends the selected brand as the brandIds filter', () => {
    expect(requestFilters({ brandId: id(1), filters: { vip: true }, sort: null, q: '' })).toEqual({
      vip: true,
      brandIds: [id(1)],
    });
  });
});

describe('inbox formatting', () => {
  it('highlights the query words as text parts, never HTML', () => {
    expect(highlightParts('Lost BAG at <b>CDG</b>', 'bag cdg')).toEqual([
      { text: 'Lost ', match: false },
      { text: 'BAG', match: true },
      { text: ' at <b>', match: false },
      { text: 'CDG', match: true },
      { text: '</b>', match: false },
    ]);
    expect(highlightParts('text', 'x')).toEqual([{ text: 'text', match: false }]);
  });

  it('formats durations, SLA clocks, initials and colours', () => {
    expect(formatDuration(12 * 60_000 + 5000, 'en')).toBe('12 min');
    expect(formatDuration(3 * 3_600_000, 'en')).toBe('3 hr');
    expect(slaClock(null, 0)).toEqual({ kind: 'none' });
    expect(slaClock('1970-01-01T00:10:00Z', 0)).toEqual({ kind: 'due', ms: 600_000 });
    expect(slaClock('1970-01-01T00:00:00Z', 60_000)).toEqual({ kind: 'overdue', ms: 60_000 });
    expect(initials('Léa  Martin')).toBe('LM');
    expect(safeColor('#1f9d55')).toBe('#1f9d55');
    expect(safeColor('red;background:url(x)')).toBeUndefined();
  });
});

describe('live refresh', () => {
  it('refetches at most once per window, and only for the events that matter', () => {
    let now = 0;
    const calls = { inbox: 0, presence: 0 };
    const timers: (() => void)[] = [];
    const realNow = Date.now;
    const realTimeout = globalThis.setTimeout;
    Date.now = () => now;
    globalThis.setTimeout = ((fn: () => void) => (timers.push(fn), 1)) as unknown as typeof setTimeout;
    try {
      const refresher = liveRefresher({ inbox: () => calls.inbox++, presence: () => calls.presence++ }, 500);
      for (let i = 0; i < 50; i++) refresher.onEvent({ type: 'conversation.updated' });
      refresher.onEvent({ type: 'channel.updated' });
      refresher.onEvent({ type: 'presence.changed' });
      refresher.onEvent('garbage');
      expect(calls).toEqual({ inbox: 1, presence: 1 });
      now = 500;
      timers.forEach((t) => t());
      expect(calls.inbox).toBe(2);
      // A due time set or moved by the SLA worker refreshes the inbox too (its SLA column and sort).
      now = 2_000;
      refresher.onEvent({ type: 'sla.changed' });
      expect(calls.inbox).toBe(3);
      // A brand-wide SLA recompute announces its conversations one by one: at most one refresh per SLA window.
      for (let i = 0; i < 50; i++) refresher.onEvent({ type: 'sla.changed' });
      expect(calls.inbox).toBe(3);
      const single = throttle(() => calls.inbox++, 500);
      single.cancel();
    } finally {
      Date.now = realNow;
      globalThis.setTimeout = realTimeout;
    }
  });
});
