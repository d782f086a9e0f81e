import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test-database.ts';
import { callerFor, createTenant, startTestServices } from '../harness.ts';
import { call, ORG_SAMPLES } from '../procedure-samples.ts';
import { createOperator, OPERATOR_SAMPLES } from '../samples/operator.samples.ts';

/**
 * Mutations that change no stored data and are called every few seconds by each open tab, so an audit row per
 * call would drown the log: presence heartbeats (in memory, expiring; docs/conversations.md).
 */
const NOT_AUDITED = new Set(['conversations.presence']);

/** S12: every organization mutation writes exactly one audit row, in its own transaction. */
describe('S12 — one audit row per mutation', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    services = await startTestServices(db);
  });
  afterAll(async () => {
    await services.stop();
    await db.dispose();
  });

  it('exempts only mutations that write nothing', async () => {
    const tenant = await createTenant(db.prisma, 'audit exemptions');
    for (const path of NOT_AUDITED) {
      const sample = ORG_SAMPLES[path as keyof typeof ORG_SAMPLES];
      expect(sample.kind).toBe('mutation');
      await sample.setup?.({ db: db.prisma, queue: services.queue }, tenant);
      const caller = await callerFor(db.prisma, tenant.users.owner.userId);
      const since = new Date();
      await call(caller, path, sample.valid(tenant));
      expect(
        await db.prisma.auditLog.count({ where: { organizationId: tenant.organizationId, createdAt: { gte: since } } }),
      ).toBe(0);
    }
  });

  for (const [path, sample] of Object.entries(ORG_SAMPLES)) {
    if (sample.kind !== 'mutation' || NOT_AUDITED.has(path)) continue;
    it(`${path} writes one audit row naming the action and the actor`, async () => {
      const tenant = await createTenant(db.prisma, `audit ${path}`);
      await sample.setup?.({ db: db.prisma, queue: services.queue }, tenant);
      const caller = await callerFor(db.prisma, tenant.users.owner.userId);
      const since = new Date();
      await call(caller, path, sample.valid(tenant));
      const rows = await db.prisma.auditLog.findMany({
        where: { organizationId: tenant.organizationId, createdAt: { gte: since } },
      });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: path, actorUserId: tenant.users.owner.userId, outcome: 'ok' });
    });

    it(`${path} writes nothing when it fails`, async () => {
      const tenant = await createTenant(db.prisma, `audit fail ${path}`);
      await sample.setup?.({ db: db.prisma, queue: services.queue }, tenant);
      const caller = await callerFor(db.prisma, tenant.users.owner.userId);
      const since = new Date();
      // A well-formed but unknown id (or an invalid field) makes each of these fail.
      const bad = { ...sample.valid(tenant), brandIds: ['00000000-0000-4000-8000-000000000000'] };
      const input = path === 'brands.create' ? { ...sample.valid(tenant), timeZone: 'Mars/Olympus' } : bad;
      await expect(call(caller, path, input)).rejects.toThrow();
      const rows = await db.prisma.auditLog.count({
        where: { organizationId: tenant.organizationId, createdAt: { gte: since } },
      });
      expect(rows).toBe(0);
    });
  }

  for (const [path, sample] of Object.entries(OPERATOR_SAMPLES)) {
    if (sample.kind !== 'mutation') continue;
    it(`${path} (operator) writes one audit row naming the action and the operator, none when it fails`, async () => {
      const tenant = await createTenant(db.prisma, `audit ${path}`);
      await sample.setup?.({ db: db.prisma, queue: services.queue }, tenant);
      const operatorId = await createOperator(db.prisma);
      const caller = await callerFor(db.prisma, operatorId);
      const unknown = '00000000-0000-4000-8000-000000000000';
      const valid = sample.valid(tenant);
      const bad =
        path === 'operator.updatePlan'
          ? { ...valid, expectedUpdatedAt: '2000-01-01T00:00:00.000Z' }
          : { ...valid, ...('invoiceId' in valid ? { invoiceId: unknown } : { brandId: unknown }) };
      await expect(call(caller, path, bad)).rejects.toThrow();
      expect(await db.prisma.auditLog.count({ where: { actorUserId: operatorId } })).toBe(0);
      await call(caller, path, valid);
      const rows = await db.prisma.auditLog.findMany({ where: { actorUserId: operatorId } });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: path, outcome: 'ok' });
      // Catalog edits are platform actions; the others are in the organization's own log.
      expect(rows[0]!.organizationId).toBe(path === 'operator.updatePlan' ? null : tenant.organizationId);
    });
  }
});
