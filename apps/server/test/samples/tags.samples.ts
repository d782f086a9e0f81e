import type { SamplesOf } from './sample.ts';

/** Samples of the `tags.*` procedures for the policy, cross-tenant and audit suites. */
export const TAGS_SAMPLES: SamplesOf<'tags'> = {};
