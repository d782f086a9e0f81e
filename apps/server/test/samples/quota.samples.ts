import { createHeldMentionFixture } from '../../src/features/billing/quota.testing.ts';
import { brandOf, org, type Sample, type SamplesOf } from './sample.ts';

/** One held mention on each tenant's first brand (made once), so the view has a row to show. */
const seeded = new Set<string>();
const setup: Sample['setup'] = async ({ db }, own) => {
  if (seeded.has(own.organizationId)) return;
  seeded.add(own.organizationId);
  await createHeldMentionFixture(db, { ...org(own), brandId: own.brandIds[0]!, channelId: own.webhookChannelId });
};

/** Samples of the `quota.*` procedures for the policy, cross-tenant and audit suites. */
export const QUOTA_SAMPLES: SamplesOf<'quota'> = {
  'quota.held': {
    kind: 'query',
    setup,
    valid: (o) => ({ ...brandOf(o), limit: 10 }),
    foreignIds: (o, f) => [{ ...org(o), brandId: f.brandIds[0] }],
  },
  'quota.heldCounts': { kind: 'query', setup, valid: org },
};
