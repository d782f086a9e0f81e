import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONVERSATION_STATUSES, INBOX_VIEWS } from '@perch/shared';
import { callerFor, createTenant, type Caller, type TenantFixture } from '../../../test/harness.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import { addMember, createUser } from '../../seed/factories.ts';
import { createConversations, createTeamWith } from './inbox.testing.ts';

const NIL = '00000000-0000-0000-0000-000000000000';

describe('inbox counters (statement-level triggers) and inbox.counts', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: TenantFixture;
  let agent: Caller;
  let restricted: Caller;
  let teams: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    a = await createTenant(db.prisma, 'Count Air');
    agent = await callerFor(db.prisma, a.users.agent.userId);
    const user = await createUser(db.prisma, { email: 'one@count.test', name: 'One', password: 'x'.repeat(12) });
    await addMember(db.prisma, a.organizationId, user.id, 'agent', [a.brandIds[1]!]);
    restricted = await callerFor(db.prisma, user.id);
    teams = [
      await createTeamWith(db.prisma, a.organizationId, 'Count one', [a.users.agent.membershipId]),
      await createTeamWith(db.prisma, a.organizationId, 'Count two', []),
    ];
  });
  afterAll(() => db.dispose());

  /** The counters (non-zero) and the truth, both as sorted "brand status assignee team count" lines. */
  async function compare() {
    const counters = await db.prisma.$queryRaw<{ line: string }[]>`
      SELECT concat_ws(' ', "brandId", "status", "assigneeKey", "teamKey", "count") AS line FROM "InboxCount"
      WHERE "count" <> 0 ORDER BY 1`;
    const truth = await db.prisma.$queryRaw<{ line: string }[]>`
      SELECT concat_ws(' ', "brandId", "status", COALESCE("assigneeUserId", ${NIL}::uuid),
        COALESCE("teamId", ${NIL}::uuid), count(*)) AS line
      FROM "Conversation" GROUP BY "brandId", "status", "assigneeUserId", "teamId" ORDER BY 1`;
    expect(counters.map((r) => r.line)).toEqual(truth.map((r) => r.line));
  }

  const status = fc.constantFrom(...CONVERSATION_STATUSES);
  const assignee = () => fc.constantFrom(null, a.users.agent.userId, a.users.manager.userId);
  const team = () => fc.constantFrom(null, ...teams);
  const brand = () => fc.constantFrom(...a.brandIds);
  const op = () =>
    fc.oneof(
      fc.record({
        kind: fc.constant('insert' as const),
        rows: fc.array(fc.record({ brandId: brand(), status, assigneeUserId: assignee(), teamId: team() }), {
          minLength: 1,
          maxLength: 6,
        }),
      }),
      fc.record({
        kind: fc.constant('update' as const),
        pick: fc.integer({ min: 0, max: 3 }),
        set: fc.record({ status, assigneeUserId: assignee(), teamId: team(), brandId: brand() }, { requiredKeys: [] }),
      }),
      fc.record({ kind: fc.constant('touch' as const), pick: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('delete' as const), pick: fc.integer({ min: 0, max: 3 }) }),
    );

  it('stay equal to count(*) GROUP BY after random multi-row inserts, updates and deletes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op(), { minLength: 1, maxLength: 8 }), async (ops) => {
        for (const o of ops) {
          // A quarter of the rows, chosen by the last hex digit of the id (a multi-row statement each time).
          const digits = [...['0123', '4567', '89ab', 'cdef']['pick' in o ? o.pick : 0]!];
          const picked = await db.prisma.$queryRaw<{ id: string }[]>`
            SELECT id FROM "Conversation" WHERE "organizationId" = ${a.organizationId}::uuid
              AND right(id::text, 1) = ANY(${digits}::text[])`;
          const where = { organizationId: a.organizationId, id: { in: picked.map((r) => r.id) } };
          if (o.kind === 'insert') await createConversations(db.prisma, a.organizationId, o.rows);
          if (o.kind === 'update') await db.prisma.conversation.updateMany({ where, data: o.set });
          if (o.kind === 'touch')
            await db.prisma.conversation.updateMany({ where, data: { lastMessageAt: new Date() } });
          if (o.kind === 'delete') await db.prisma.conversation.deleteMany({ where });
        }
        await compare();
      }),
      { numRuns: 30 },
    );
  });

  it('counts each view from the counters, as many as the list shows, for the brands the member may see', async () => {
    await db.prisma.conversation.deleteMany({ where: { organizationId: a.organizationId } });
    const specs = [];
    for (const brandId of a.brandIds) {
      for (const s of CONVERSATION_STATUSES) {
        for (const assigneeUserId of [null, a.users.agent.userId]) {
          for (const teamId of [null, ...teams]) specs.push({ brandId, status: s, assigneeUserId, teamId });
        }
      }
    }
    await createConversations(db.prisma, a.organizationId, specs);
    const org = { organizationId: a.organizationId };
    const counts = await agent.inbox.counts(org);
    for (const view of INBOX_VIEWS) {
      const listed = await agent.inbox.list({ ...org, view, limit: 100 });
      expect(counts[view], view).toBe(listed.rows.length);
    }
    expect(counts).toMatchObject({ new: 12, all_open: 24, mine: 24, my_team: 16, unassigned: 12, resolved: 12 });
    expect((await agent.inbox.counts({ ...org, brandId: a.brandIds[1] })).new).toBe(6);
    expect((await restricted.inbox.counts(org)).new).toBe(6);
    await expect(restricted.inbox.counts({ ...org, brandId: a.brandIds[0] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
