import type { DbOrTx } from '../../db/database.ts';

export interface CannedRepliesFixture {
  /** A canned reply of the tenant's first brand (shortcut `fixture-delay`). */
  cannedReplyId: string;
}

/** Test support: one canned reply of a tenant's first brand — what the canned-reply procedures act on. */
export async function createCannedRepliesFixture(
  db: DbOrTx,
  tenant: { organizationId: string; brandId: string },
): Promise<CannedRepliesFixture> {
  const row = await db.cannedReply.create({
    data: {
      organizationId: tenant.organizationId,
      brandId: tenant.brandId,
      name: 'Fixture delay apology',
      shortcut: 'fixture-delay',
      text: 'Hi {{customer.name}}, sorry for the delay. {{agent.first_name}}',
      language: 'en',
    },
    select: { id: true },
  });
  return { cannedReplyId: row.id };
}

const fixtures = new Map<string, CannedRepliesFixture>();

/** Creates the tenant's fixture once (the security suites call setups repeatedly). */
export async function cannedRepliesSetup({ db }: { db: DbOrTx }, own: { organizationId: string; brandIds: string[] }) {
  if (fixtures.has(own.organizationId)) return;
  fixtures.set(
    own.organizationId,
    await createCannedRepliesFixture(db, { organizationId: own.organizationId, brandId: own.brandIds[0]! }),
  );
}

export function cannedRepliesFixtureOf(tenant: { organizationId: string }): CannedRepliesFixture {
  const fixture = fixtures.get(tenant.organizationId);
  if (!fixture) throw new Error('no canned replies fixture for this tenant: await the sample setup first');
  return fixture;
}
