import type { BusinessCalendar } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';

export interface SlaFixture {
  /** A `low`-priority policy of the tenant's first brand. */
  policyId: string;
}

const office = [{ start: '09:00', end: '18:00' }];

/** Monday–Friday 09:00–18:00 in Paris, for tests. */
export const FIXTURE_CALENDAR: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  week: [office, office, office, office, office, [], []],
  holidays: ['2026-12-25'],
};

/** Test support: one SLA policy of a tenant's first brand — what sla.deletePolicy acts on. */
export async function createSlaFixture(
  db: DbOrTx,
  tenant: { organizationId: string; brandId: string },
): Promise<SlaFixture> {
  const row = await db.slaPolicy.create({
    data: {
      organizationId: tenant.organizationId,
      brandId: tenant.brandId,
      name: 'Fixture low priority',
      priority: 'low',
      firstResponseMinutes: 24 * 60,
      nextResponseMinutes: null,
      resolutionMinutes: 5 * 24 * 60,
      businessHours: true,
    },
    select: { id: true },
  });
  return { policyId: row.id };
}

const fixtures = new Map<string, SlaFixture>();

/** Creates the tenant's fixture once (the security suites call setups repeatedly). */
export async function slaSetup({ db }: { db: DbOrTx }, own: { organizationId: string; brandIds: string[] }) {
  if (fixtures.has(own.organizationId)) return;
  fixtures.set(
    own.organizationId,
    await createSlaFixture(db, { organizationId: own.organizationId, brandId: own.brandIds[0]! }),
  );
}

export function slaFixtureOf(tenant: { organizationId: string }): SlaFixture {
  const fixture = fixtures.get(tenant.organizationId);
  if (!fixture) throw new Error('no SLA fixture for this tenant: await the sample setup first');
  return fixture;
}
