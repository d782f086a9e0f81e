import type { SamplesOf } from './sample.ts';

export const SLA_SAMPLES: SamplesOf<'sla'> = {};
