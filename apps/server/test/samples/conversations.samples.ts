import type { SamplesOf } from './sample.ts';

/** Samples of the `conversations.*` procedures for the policy, cross-tenant and audit suites. */
export const CONVERSATIONS_SAMPLES: SamplesOf<'conversations'> = {};
