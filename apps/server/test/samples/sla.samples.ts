import { FIXTURE_CALENDAR, slaFixtureOf as fx, slaSetup as setup } from '../../src/features/sla/sla.testing.ts';
import { brandOf, org, type SamplesOf } from './sample.ts';

const policy = {
  priority: 'high',
  name: 'Suite high priority',
  firstResponseMinutes: 60,
  nextResponseMinutes: 30,
  resolutionMinutes: 480,
  businessHours: true,
  warnAtPercent: 80,
};

/** Samples of the `sla.*` procedures for the policy, cross-tenant and audit suites. */
export const SLA_SAMPLES: SamplesOf<'sla'> = {
  'sla.settings': {
    kind: 'query',
    valid: brandOf,
    foreignIds: (o, f) => [{ ...org(o), brandId: f.brandIds[0] }],
  },
  'sla.savePolicy': {
    kind: 'mutation',
    valid: (o) => ({ ...brandOf(o), ...policy }),
    foreignIds: (o, f) => [{ ...org(o), brandId: f.brandIds[0], ...policy }],
  },
  'sla.deletePolicy': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), policyId: fx(o).policyId }),
    foreignIds: (o, f) => [{ ...org(o), policyId: fx(f).policyId }],
  },
  'sla.setCalendar': {
    kind: 'mutation',
    valid: (o) => ({ ...brandOf(o), calendar: FIXTURE_CALENDAR }),
    foreignIds: (o, f) => [
      { ...org(o), brandId: f.brandIds[0], calendar: FIXTURE_CALENDAR },
      { ...org(o), brandId: f.brandIds[0], calendar: null },
    ],
  },
};
