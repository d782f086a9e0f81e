import type { SamplesOf } from './sample.ts';

export const REPORTS_SAMPLES: SamplesOf<'reports'> = {};
