import { org, type SamplesOf } from './sample.ts';

/** Samples of the `agents.*` procedures for the policy, cross-tenant and audit suites. */
export const AGENTS_SAMPLES: SamplesOf<'agents'> = {
  'agents.list': { kind: 'query', valid: org },
  // The caller's own availability: there is no id to swap for another tenant's.
  'agents.setAvailability': { kind: 'mutation', valid: (o) => ({ ...org(o), availability: 'online' }) },
  'agents.setCapacity': {
    kind: 'mutation',
    valid: (o) => ({ ...org(o), membershipId: o.users.agent.membershipId, capacity: 8 }),
    foreignIds: (o, f) => [{ ...org(o), membershipId: f.users.agent.membershipId, capacity: 8 }],
  },
};
