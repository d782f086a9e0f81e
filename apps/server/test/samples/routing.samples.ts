import { brandOf, org, type SamplesOf } from './sample.ts';

/** Samples of the `routing.*` procedures for the policy, cross-tenant and audit suites. */
export const ROUTING_SAMPLES: SamplesOf<'routing'> = {
  'routing.getSettings': { kind: 'query', valid: org },
  'routing.setMode': {
    kind: 'mutation',
    valid: (o) => ({ ...brandOf(o), mode: 'round_robin' }),
    foreignIds: (o, f) => [{ ...org(o), brandId: f.brandIds[0], mode: 'least_loaded' }],
  },
};
