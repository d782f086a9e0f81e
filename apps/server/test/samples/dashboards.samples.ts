import type { SamplesOf } from './sample.ts';

export const DASHBOARDS_SAMPLES: SamplesOf<'dashboards'> = {};
