import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY } from '../../src/trpc/policy.ts';
import { createTestDatabase } from '../test-database.ts';
import { callerFor, createTenant, startTestServices, type TenantFixture } from '../harness.ts';
import { call, ORG_SAMPLES, outcome } from '../procedure-samples.ts';
import { overLimits, procedureInputSchemas, unboundedFields, withValueAt } from './input-limits.ts';

/**
 * S11: every string and array a procedure takes has a limit (read from the procedures' own zod schemas), and for
 * every organization procedure, each bounded string or array its valid sample input carries, made one over its
 * limit, is refused with BAD_REQUEST through the real router.
 */
describe('S11 — every input bounded, every limit + 1 refused', () => {
  const schemas = procedureInputSchemas();

  it('every string and array of every procedure input has a maximum', () => {
    const unbounded = [...schemas].flatMap(([path, inputs]) =>
      inputs.flatMap((schema) => unboundedFields(schema).map((field) => `${path} ${field}`)),
    );
    expect(unbounded).toEqual([]);
    // The walk saw every procedure of the policy matrix.
    expect([...schemas.keys()].sort()).toEqual(Object.keys(POLICY).sort());
  });

  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  let tenant: TenantFixture;
  beforeAll(async () => {
    db = await createTestDatabase();
    services = await startTestServices(db);
    tenant = await createTenant(db.prisma, 'Limits Air');
    for (const sample of Object.values(ORG_SAMPLES))
      await sample.setup?.({ db: db.prisma, queue: services.queue }, tenant);
  });
  afterAll(async () => {
    await services.stop();
    await db.dispose();
  });

  it('each bounded field of each sample, one over its limit, is refused', async () => {
    const caller = await callerFor(db.prisma, tenant.users.owner.userId);
    const accepted: string[] = [];
    let checked = 0;
    for (const [path, sample] of Object.entries(ORG_SAMPLES)) {
      if (sample.kind === 'subscription') continue;
      const valid = sample.valid(tenant);
      for (const schema of schemas.get(path) ?? []) {
        for (const over of overLimits(schema, valid)) {
          checked++;
          const result = await outcome(call(caller, path, withValueAt(valid, over.path, over.value)));
          if (result !== 'BAD_REQUEST') accepted.push(`${path} ${over.what} → ${result}`);
        }
      }
    }
    expect(accepted).toEqual([]);
    // A floor, so that a change to the walk cannot make it silently check nothing (103 fields on 2026-11-30; ids,
    // enums and numbers are bounded by their type and are not counted).
    expect(checked).toBeGreaterThanOrEqual(100);
  });
});
