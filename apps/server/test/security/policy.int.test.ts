import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '@perch/shared';
import { appRouter } from '../../src/router.ts';
import { POLICY, accessFor } from '../../src/trpc/policy.ts';
import { createTestDatabase } from '../test-database.ts';
import { callerFor, callerWith, createTenant, type TenantFixture, startTestServices } from '../harness.ts';
import { call, ORG_SAMPLES, outcome } from '../procedure-samples.ts';
import { createOperator, OPERATOR_SAMPLES, operatorFootprint } from '../samples/operator.samples.ts';

const procedurePaths = Object.keys(appRouter._def.procedures).sort();

describe('S1 — the policy matrix lists every procedure', () => {
  it('has an entry for each procedure of the router, and no stale entries', () => {
    expect(procedurePaths).toEqual(Object.keys(POLICY).sort());
  });

  it('has a sample for every organization procedure (so S2, S3 and S12 cover it)', () => {
    const orgPaths = procedurePaths.filter((p) => Array.isArray(accessFor(p)));
    expect(orgPaths.sort()).toEqual(Object.keys(ORG_SAMPLES).sort());
  });

  it('has a sample for every operator procedure (so S2, S3 and S12 cover them too)', () => {
    const operatorPaths = procedurePaths.filter((p) => accessFor(p) === 'operator');
    expect(operatorPaths.sort()).toEqual(Object.keys(OPERATOR_SAMPLES).sort());
  });
});

describe('S3 — every role against every organization procedure', () => {
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

  for (const [path, sample] of Object.entries(ORG_SAMPLES)) {
    it(`${path}: allowed roles succeed, the others get FORBIDDEN and change nothing`, async () => {
      const allowed = accessFor(path) as readonly string[];
      for (const role of ROLES) {
        // A fresh tenant per role: a successful mutation must not influence the next role's call.
        const tenant: TenantFixture = await createTenant(db.prisma, `${path} ${role}`);
        await sample.setup?.({ db: db.prisma, queue: services.queue }, tenant);
        const caller = await callerFor(db.prisma, tenant.users[role].userId);
        const before = await db.prisma.auditLog.count({
          where: { organizationId: tenant.organizationId, outcome: 'ok' },
        });
        const result = await outcome(call(caller, path, sample.valid(tenant)));
        expect({ role, result }).toEqual({ role, result: allowed.includes(role) ? 'OK' : 'FORBIDDEN' });
        if (!allowed.includes(role)) {
          const after = await db.prisma.auditLog.count({
            where: { organizationId: tenant.organizationId, outcome: 'ok' },
          });
          expect(after).toBe(before);
          // The denial itself is recorded.
          const denied = await db.prisma.auditLog.count({
            where: { organizationId: tenant.organizationId, outcome: 'denied', action: path },
          });
          expect(denied).toBe(1);
        }
      }
    });
  }

  for (const [path, sample] of Object.entries(OPERATOR_SAMPLES)) {
    it(`${path}: every role of an organization — owner included — gets NOT_FOUND and changes nothing; the operator succeeds`, async () => {
      const tenant: TenantFixture = await createTenant(db.prisma, `${path} operator`);
      await sample.setup?.({ db: db.prisma, queue: services.queue }, tenant);
      const before = await operatorFootprint(db.prisma, tenant);
      for (const role of ROLES) {
        const caller = await callerFor(db.prisma, tenant.users[role].userId);
        const result = await outcome(call(caller, path, sample.valid(tenant)));
        expect({ role, result }).toEqual({ role, result: 'NOT_FOUND' });
      }
      expect(await operatorFootprint(db.prisma, tenant)).toBe(before);
      const operator = await callerFor(db.prisma, await createOperator(db.prisma));
      expect(await outcome(call(operator, path, sample.valid(tenant)))).toBe('OK');
    });
  }

  it('refuses every non-public procedure without a session (UNAUTHORIZED)', async () => {
    const anonymous = await callerWith(db.prisma, null);
    for (const path of procedurePaths) {
      if (accessFor(path) === 'public') continue;
      expect({ path, result: await outcome(call(anonymous, path, {})) }).toEqual({ path, result: 'UNAUTHORIZED' });
    }
  });
});
