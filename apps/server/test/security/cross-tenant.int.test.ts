import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test-database.ts';
import { callerFor, createTenant, nearId, snapshotTenant, type TenantFixture, startTestServices } from '../harness.ts';
import { call, ORG_SAMPLES, outcome } from '../procedure-samples.ts';
import { OPERATOR_SAMPLES } from '../samples/operator.samples.ts';

/**
 * S2: a member of organization A — as owner, the most powerful role — calls every procedure with B's ids:
 * B's organization id, and B's ids nested inside inputs that name A (alone and mixed with A's own). Every call
 * answers NOT_FOUND, and B's rows are identical after the whole suite. Twice: with unrelated tenants, and with
 * ids made easy to confuse — B's organization and brand ids are A's with one character changed, and every other
 * row of the two (created by the samples in turn, A then B) has a time-ordered UUIDv7 id from the same moment.
 */
describe.each([
  { variant: 'distinct ids', near: false },
  { variant: 'id collision: B’s ids one character from A’s', near: true },
])('S2 — cross-tenant access, $variant', ({ near }) => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  let a: TenantFixture;
  let b: TenantFixture;
  let bBefore: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    services = await startTestServices(db);
    a = await createTenant(db.prisma, 'Alpha Air');
    b = await createTenant(db.prisma, 'Bravo Telecom', near ? { idsNear: a } : {});
    if (near) expect([b.organizationId, ...b.brandIds]).toEqual([a.organizationId, ...a.brandIds].map(nearId));
    // The rows the samples need (conversations, tags, rules…) exist before B's snapshot: only what A's calls
    // could change afterwards counts.
    for (const sample of [...Object.values(ORG_SAMPLES), ...Object.values(OPERATOR_SAMPLES)]) {
      await sample.setup?.({ db: db.prisma, queue: services.queue }, a);
      await sample.setup?.({ db: db.prisma, queue: services.queue }, b);
    }
    bBefore = await snapshotTenant(db.prisma, b.organizationId);
  });
  afterAll(async () => {
    expect(await snapshotTenant(db.prisma, b.organizationId)).toBe(bBefore);
    await services.stop();
    await db.dispose();
  });

  for (const [path, sample] of Object.entries(ORG_SAMPLES)) {
    it(`${path}: B's organization id → NOT_FOUND`, async () => {
      await sample.setup?.({ db: db.prisma, queue: services.queue }, b);
      const caller = await callerFor(db.prisma, a.users.owner.userId);
      const input = { ...sample.valid(b) };
      expect(await outcome(call(caller, path, input))).toBe('NOT_FOUND');
    });

    if (sample.foreignIds) {
      it(`${path}: B's ids inside A's request → NOT_FOUND`, async () => {
        await sample.setup?.({ db: db.prisma, queue: services.queue }, a);
        await sample.setup?.({ db: db.prisma, queue: services.queue }, b);
        const caller = await callerFor(db.prisma, a.users.owner.userId);
        for (const input of sample.foreignIds!(a, b)) {
          expect({ input, result: await outcome(call(caller, path, input)) }).toEqual({ input, result: 'NOT_FOUND' });
        }
      });
    }
  }

  for (const [path, sample] of Object.entries(OPERATOR_SAMPLES)) {
    it(`${path} (the operator's console) with B's ids, by A's owner → NOT_FOUND`, async () => {
      const caller = await callerFor(db.prisma, a.users.owner.userId);
      expect(await outcome(call(caller, path, sample.valid(b)))).toBe('NOT_FOUND');
    });
  }

  it('sessions.revoke with another user’s session id → NOT_FOUND, session still valid', async () => {
    const { createSession } = await import('../../src/features/auth/session.repository.ts');
    const victim = await createSession(db.prisma, {
      userId: b.users.agent.userId,
      ip: null,
      userAgent: null,
      ttlMs: 60_000,
    });
    const caller = await callerFor(db.prisma, a.users.owner.userId);
    expect(await outcome(caller.sessions.revoke({ sessionId: victim.sessionId }))).toBe('NOT_FOUND');
    const row = await db.prisma.session.findUniqueOrThrow({ where: { id: victim.sessionId } });
    expect(row.revokedAt).toBeNull();
  });
});
