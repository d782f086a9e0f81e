import {
  workspaceSettingsOf as fx,
  workspaceSettingsSetup as setup,
} from '../../src/features/teams/workspace-settings.testing.ts';
import type { TenantFixture } from '../harness.ts';
import { org, type SamplesOf } from './sample.ts';

const definition = (filters: Record<string, unknown>) => ({ view: 'all_open', filters, sort: 'priority' });

/** A definition naming the foreign tenant's ids, one kind at a time, alone and mixed with the own tenant's. */
const foreignDefinitions = (o: TenantFixture, f: TenantFixture) => [
  definition({ brandIds: [f.brandIds[0]] }),
  definition({ brandIds: [o.brandIds[0], f.brandIds[0]] }),
  definition({ channelIds: [f.webhookChannelId] }),
  definition({ tagIds: [fx(o).tagId, fx(f).tagId] }),
  definition({ teamIds: ['none', fx(f).teamId] }),
  definition({ assigneeUserIds: [o.users.agent.userId, f.users.agent.userId] }),
];

/** Samples of the `savedViews.*` procedures for the policy, cross-tenant and audit suites. */
export const SAVED_VIEWS_SAMPLES: SamplesOf<'savedViews'> = {
  'savedViews.list': { kind: 'query', valid: org },
  'savedViews.create': {
    kind: 'mutation',
    setup,
    valid: (o) => ({
      ...org(o),
      name: 'Urgent refunds',
      definition: definition({
        brandIds: [o.brandIds[0]],
        tagIds: [fx(o).tagId],
        teamIds: [fx(o).teamId],
        channelIds: [o.webhookChannelId],
        assigneeUserIds: ['none', o.users.agent.userId],
        priorities: ['urgent'],
      }),
    }),
    foreignIds: (o, f) => foreignDefinitions(o, f).map((d, i) => ({ ...org(o), name: `Foreign ${i}`, definition: d })),
  },
  'savedViews.update': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), viewId: fx(o).viewId, name: 'Renamed view' }),
    foreignIds: (o, f) => [
      { ...org(o), viewId: fx(f).viewId, name: 'Hijacked' },
      ...foreignDefinitions(o, f).map((d) => ({ ...org(o), viewId: fx(o).viewId, definition: d })),
    ],
  },
  'savedViews.delete': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), viewId: fx(o).viewId }),
    foreignIds: (o, f) => [{ ...org(o), viewId: fx(f).viewId }],
  },
  'savedViews.reorder': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), viewIds: [fx(o).viewId] }),
    foreignIds: (o, f) => [
      { ...org(o), viewIds: [fx(f).viewId] },
      { ...org(o), viewIds: [fx(o).viewId, fx(f).viewId] },
    ],
  },
};
