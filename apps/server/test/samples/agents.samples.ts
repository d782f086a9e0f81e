import type { SamplesOf } from './sample.ts';

/** Samples of the `agents.*` procedures for the policy, cross-tenant and audit suites. */
export const AGENTS_SAMPLES: SamplesOf<'agents'> = {};
