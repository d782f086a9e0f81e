import type { SamplesOf } from './sample.ts';

/** Samples of the `teams.*` procedures for the policy, cross-tenant and audit suites. */
export const TEAMS_SAMPLES: SamplesOf<'teams'> = {};
