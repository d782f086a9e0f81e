import {
  workspaceSettingsOf as fx,
  workspaceSettingsSetup as setup,
} from '../../src/features/teams/workspace-settings.testing.ts';
import type { TenantFixture } from '../harness.ts';
import { org, type Sample, type SamplesOf } from './sample.ts';

const range = { from: '2026-11-01', to: '2026-11-30' };
const scope = (o: TenantFixture) => ({ ...org(o), ...range });

/** Foreign ids a dashboard scope can carry: brands (alone and mixed with own), and a filter on another tenant's row. */
function foreignScope(o: TenantFixture, f: TenantFixture) {
  return [
    { ...scope(o), brandIds: [f.brandIds[0]] },
    { ...scope(o), brandIds: [o.brandIds[0], f.brandIds[1]] },
    { ...scope(o), filter: { dimension: 'team', value: fx(f).teamId } },
    { ...scope(o), filter: { dimension: 'tag', value: fx(f).tagId } },
    { ...scope(o), filter: { dimension: 'agent', value: f.users.agent.userId } },
    { ...scope(o), filter: { dimension: 'channel', value: f.webhookChannelId } },
  ];
}

function query(extra: Record<string, unknown> = {}): Sample {
  return {
    kind: 'query',
    setup,
    valid: (o) => ({ ...scope(o), ...extra }),
    foreignIds: (o, f) => foreignScope(o, f).map((input) => ({ ...input, ...extra })),
  };
}

/** Samples of the `dashboards.*` procedures for the policy, cross-tenant and audit suites (queries only). */
export const DASHBOARDS_SAMPLES: SamplesOf<'dashboards'> = {
  'dashboards.summary': query({ compare: true }),
  'dashboards.series': query({ metric: 'first_response', grain: 'day', compare: true }),
  'dashboards.volume': query({ grain: 'week' }),
  'dashboards.sla': query({ grain: 'day' }),
  'dashboards.heatmap': query(),
  'dashboards.breakdown': query({ dimension: 'brand' }),
  'dashboards.drilldown': query({ metric: 'first_response' }),
  'dashboards.wallboard': {
    kind: 'query',
    valid: (o) => ({ ...org(o), brandIds: [o.brandIds[0]] }),
    foreignIds: (o, f) => [
      { ...org(o), brandIds: [f.brandIds[0]] },
      { ...org(o), brandIds: [o.brandIds[0], f.brandIds[1]] },
    ],
  },
};
