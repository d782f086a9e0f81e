import type { SamplesOf } from './sample.ts';

/** Samples of the `notifications.*` procedures for the policy, cross-tenant and audit suites. */
export const NOTIFICATIONS_SAMPLES: SamplesOf<'notifications'> = {};
