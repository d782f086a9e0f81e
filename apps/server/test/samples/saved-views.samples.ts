import type { SamplesOf } from './sample.ts';

/** Samples of the `savedViews.*` procedures for the policy, cross-tenant and audit suites. */
export const SAVED_VIEWS_SAMPLES: SamplesOf<'savedViews'> = {};
