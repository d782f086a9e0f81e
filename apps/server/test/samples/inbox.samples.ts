import type { SamplesOf } from './sample.ts';

/** Samples of the `inbox.*` procedures for the policy, cross-tenant and audit suites. */
export const INBOX_SAMPLES: SamplesOf<'inbox'> = {};
