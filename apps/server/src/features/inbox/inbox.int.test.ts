import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONVERSATION_STATUSES,
  INBOX_SORTS,
  INBOX_VIEWS,
  PRIORITIES,
  type InboxRow,
  type InboxSort,
  type ListInboxInput,
} from '@perch/shared';
import { callerFor, createTenant, type Caller, type TenantFixture } from '../../../test/harness.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import { addMember, createUser } from '../../seed/factories.ts';
import { createConversations, createTeamWith, failure, type ConversationSpec } from './inbox.testing.ts';

type Made = Awaited<ReturnType<typeof createConversations>>[number];

/** Every page of a query, following the cursor. */
async function walk(caller: Caller, input: ListInboxInput): Promise<InboxRow[]> {
  const rows: InboxRow[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const page = await caller.inbox.list({ ...input, cursor });
    rows.push(...page.rows);
    if (!page.nextCursor) return rows;
    cursor = page.nextCursor;
  }
  throw new Error('too many pages');
}

const time = (d: Date | string | null) => (d === null ? Infinity : new Date(d).getTime());
const cmp = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);

/** The reference order of each sort, in JS. */
function referenceCompare(sort: InboxSort) {
  type R = Pick<Made, 'id' | 'priority' | 'waitingSince' | 'slaDueAt' | 'lastMessageAt'>;
  return (a: R, b: R) => {
    switch (sort) {
      case 'priority':
        return (
          cmp(PRIORITIES.indexOf(a.priority), PRIORITIES.indexOf(b.priority)) ||
          cmp(time(a.waitingSince), time(b.waitingSince)) ||
          cmp(a.id, b.id)
        );
      case 'sla_due':
        return cmp(time(a.slaDueAt), time(b.slaDueAt)) || cmp(a.id, b.id);
      case 'longest_waiting':
        return cmp(time(a.waitingSince), time(b.waitingSince)) || cmp(a.id, b.id);
      case 'newest':
        return cmp(time(b.lastMessageAt), time(a.lastMessageAt)) || cmp(b.id, a.id);
      case 'oldest':
        return cmp(time(a.lastMessageAt), time(b.lastMessageAt)) || cmp(a.id, b.id);
    }
  };
}

describe('inbox.list: views, filters, sorts and keyset pages', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: TenantFixture;
  let b: TenantFixture;
  let agent: Caller;
  let restricted: Caller;
  let made: Made[];
  let team1: string;
  let team2: string;
  let tags: string[];
  const org = () => ({ organizationId: a.organizationId });

  beforeAll(async () => {
    db = await createTestDatabase();
    a = await createTenant(db.prisma, 'Inbox Air');
    b = await createTenant(db.prisma, 'Inbox Rail');
    agent = await callerFor(db.prisma, a.users.agent.userId);
    const user = await createUser(db.prisma, {
      email: 'brand-one@inbox.test',
      name: 'One brand',
      password: 'x'.repeat(12),
    });
    await addMember(db.prisma, a.organizationId, user.id, 'agent', [a.brandIds[1]!]);
    restricted = await callerFor(db.prisma, user.id);
    team1 = await createTeamWith(db.prisma, a.organizationId, 'Desk one', [a.users.agent.membershipId]);
    team2 = await createTeamWith(db.prisma, a.organizationId, 'Desk two', [a.users.manager.membershipId]);
    tags = [];
    for (const name of ['refund', 'delay']) {
      const tag = await db.prisma.tag.create({
        data: { organizationId: a.organizationId, brandId: a.brandIds[0]!, name },
        select: { id: true },
      });
      tags.push(tag.id);
    }
    const specs: ConversationSpec[] = [];
    const base = Date.UTC(2026, 9, 1);
    let i = 0;
    for (const brandId of a.brandIds) {
      for (const status of CONVERSATION_STATUSES) {
        for (const assigneeUserId of [null, a.users.agent.userId, a.users.manager.userId]) {
          for (const teamId of [null, team1, team2]) {
            i++;
            specs.push({
              brandId,
              status,
              assigneeUserId,
              teamId,
              priority: PRIORITIES[i % 4],
              // Ties on purpose: the id breaks them.
              waitingSince: i % 5 === 0 ? null : new Date(base + (i % 7) * 3_600_000),
              slaDueAt: i % 3 === 0 ? null : new Date(base + (i % 11) * 3_600_000),
              lastMessageAt: new Date(base + (i % 13) * 60_000),
              tagIds: brandId === a.brandIds[0] ? [tags[i % 3] ?? tags[0]!].slice(0, i % 3 === 2 ? 0 : 1) : [],
              isVip: i % 4 === 0,
              sentiment: ['negative', 'neutral', 'positive'][i % 3]!,
              language: i % 2 ? 'en' : 'fr',
            });
          }
        }
      }
    }
    made = await createConversations(db.prisma, a.organizationId, specs);
    await createConversations(db.prisma, b.organizationId, [{ brandId: b.brandIds[0]!, status: 'open' }]);
  });
  afterAll(() => db.dispose());

  const viewFilter: Record<(typeof INBOX_VIEWS)[number], (c: Made) => boolean> = {
    new: (c) => c.status === 'new',
    mine: (c) => c.assigneeUserId === a.users.agent.userId && c.status !== 'resolved',
    unassigned: (c) => c.assigneeUserId === null && (c.status === 'new' || c.status === 'open'),
    my_team: (c) => c.teamId === team1 && c.status !== 'resolved',
    all_open: (c) => c.status === 'new' || c.status === 'open',
    pending: (c) => c.status === 'pending',
    snoozed: (c) => c.status === 'snoozed',
    resolved: (c) => c.status === 'resolved',
  };

  it('returns exactly the rows of each built-in view, in each sort’s reference order, page after page', async () => {
    for (const view of INBOX_VIEWS) {
      for (const sort of INBOX_SORTS) {
        const rows = await walk(agent, { ...org(), view, sort, limit: 7 });
        const expected = made.filter(viewFilter[view]).sort(referenceCompare(sort));
        expect(
          rows.map((r) => r.id),
          `${view} by ${sort}`,
        ).toEqual(expected.map((c) => c.id));
      }
    }
  });

  it('applies every filter (AND across filters, OR within one)', async () => {
    const cases: [ListInboxInput['filters'], (c: Made) => boolean][] = [
      [{ brandIds: [a.brandIds[1]!] }, (c) => c.brandId === a.brandIds[1]],
      [{ statuses: ['open', 'resolved'] }, (c) => c.status === 'open'],
      [{ priorities: ['urgent', 'low'] }, (c) => c.priority === 'urgent' || c.priority === 'low'],
      [{ sentiments: ['negative'] }, (c) => c.sentiment === 'negative'],
      [{ languages: ['fr'] }, (c) => c.language === 'fr'],
      [{ tagIds: [tags[1]!] }, (c) => c.tagIds.includes(tags[1]!)],
      [{ assigneeUserIds: ['none', a.users.manager.userId] }, (c) => c.assigneeUserId !== a.users.agent.userId],
      [{ teamIds: [team2] }, (c) => c.teamId === team2],
      [{ vip: true, teamIds: ['none'] }, (c) => c.isVip && c.teamId === null],
      [{ channelIds: [a.webhookChannelId] }, (c) => c.channelId === a.webhookChannelId],
      [
        { from: '2026-10-01T00:03:00Z', to: '2026-10-01T00:06:00Z' },
        (c) =>
          c.lastMessageAt.getTime() >= Date.UTC(2026, 9, 1, 0, 3) &&
          c.lastMessageAt.getTime() <= Date.UTC(2026, 9, 1, 0, 6),
      ],
    ];
    for (const [filters, keep] of cases) {
      const rows = await walk(agent, { ...org(), view: 'all_open', filters, sort: 'oldest', limit: 50 });
      const expected = made.filter((c) => viewFilter.all_open(c) && keep(c)).sort(referenceCompare('oldest'));
      expect(
        rows.map((r) => r.id),
        JSON.stringify(filters),
      ).toEqual(expected.map((c) => c.id));
    }
  });

  it('shows a row with its customer and the latest inbound message', async () => {
    const { rows } = await agent.inbox.list({ ...org(), view: 'new', sort: 'oldest', limit: 1 });
    const row = rows[0]!;
    expect(row.customer.displayName).toMatch(/^Customer /);
    expect(row.customer.username).toMatch(/^user_/);
    expect(row.snippet).toMatch(/about my booking/);
    expect(row.version).toBe(0);
  });

  it('walks every row exactly once whatever the page size (random pages, random sorts)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...INBOX_VIEWS),
        fc.constantFrom(...INBOX_SORTS),
        fc.integer({ min: 1, max: 40 }),
        async (view, sort, limit) => {
          const rows = await walk(agent, { ...org(), view, sort, limit });
          const ids = rows.map((r) => r.id);
          expect(new Set(ids).size).toBe(ids.length);
          expect(ids.length).toBe(made.filter(viewFilter[view]).length);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('a brand-restricted agent sees only their brands; other brands and foreign ids are NOT_FOUND', async () => {
    const rows = await walk(restricted, { ...org(), view: 'all_open', limit: 100 });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.brandId === a.brandIds[1])).toBe(true);
    const list = (filters: ListInboxInput['filters']) => restricted.inbox.list({ ...org(), view: 'all_open', filters });
    expect(await failure(list({ brandIds: [a.brandIds[0]!] }))).toBe('NOT_FOUND');
    expect(await failure(list({ tagIds: [tags[0]!] }))).toBe('NOT_FOUND'); // a tag of a brand they cannot see
    expect(
      await failure(agent.inbox.list({ ...org(), view: 'all_open', filters: { brandIds: [b.brandIds[0]!] } })),
    ).toBe('NOT_FOUND');
    expect(
      await failure(
        agent.inbox.list({ ...org(), view: 'all_open', filters: { assigneeUserIds: [b.users.agent.userId] } }),
      ),
    ).toBe('NOT_FOUND');
  });

  it('answers VALIDATION to a tampered cursor or one from another sort, never a 500', async () => {
    const page = await agent.inbox.list({ ...org(), view: 'resolved', sort: 'priority', limit: 2 });
    const cursor = page.nextCursor!;
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Record<string, unknown>;
    const forged = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const bad = [
      `${cursor}x!`,
      forged({ ...decoded, k: ['urgent', "2026-01-01'; DROP TABLE x; --"] }),
      forged({ ...decoded, i: 'not-a-uuid' }),
      forged({ ...decoded, extra: 1 }),
      forged([1, 2]),
      'bm90IGpzb24',
    ];
    for (const c of bad) {
      expect(await failure(agent.inbox.list({ ...org(), view: 'resolved', sort: 'priority', cursor: c }))).toBe(
        'VALIDATION',
      );
    }
    expect(await failure(agent.inbox.list({ ...org(), view: 'resolved', sort: 'newest', cursor }))).toBe('VALIDATION');
  });

  it('applies a saved view (own or shared), narrowed by the request; others’ private views are NOT_FOUND', async () => {
    const shared = await db.prisma.savedView.create({
      data: {
        organizationId: a.organizationId,
        ownerUserId: a.users.manager.userId,
        shared: true,
        name: 'Urgent pending',
        definition: { view: 'pending', filters: { priorities: ['urgent', 'high'] }, sort: 'newest' },
      },
      select: { id: true },
    });
    const rows = await walk(agent, { ...org(), view: shared.id, filters: { priorities: ['urgent'] }, limit: 5 });
    const expected = made
      .filter((c) => c.status === 'pending' && c.priority === 'urgent')
      .sort(referenceCompare('newest'));
    expect(rows.map((r) => r.id)).toEqual(expected.map((c) => c.id));

    const mine = await db.prisma.savedView.create({
      data: {
        organizationId: a.organizationId,
        ownerUserId: a.users.manager.userId,
        name: 'Private',
        definition: { view: 'new', filters: {}, sort: 'oldest' },
      },
      select: { id: true },
    });
    expect(await failure(agent.inbox.list({ ...org(), view: mine.id }))).toBe('NOT_FOUND');
    const broken = await db.prisma.savedView.create({
      data: {
        organizationId: a.organizationId,
        ownerUserId: a.users.agent.userId,
        name: 'Broken',
        definition: { view: 'nope', filters: 3 },
      },
      select: { id: true },
    });
    expect(await failure(agent.inbox.list({ ...org(), view: broken.id }))).toBe('VALIDATION');

    const counts = await agent.inbox.savedViewCounts(org());
    expect(counts).toContainEqual({
      viewId: shared.id,
      count: made.filter((c) => c.status === 'pending' && ['urgent', 'high'].includes(c.priority)).length,
      capped: false,
    });
    expect(counts).toContainEqual({ viewId: broken.id, count: 0, capped: false });
    expect(counts.find((c) => c.viewId === mine.id)).toBeUndefined();
  });
});
