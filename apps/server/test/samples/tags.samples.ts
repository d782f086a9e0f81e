import {
  workspaceSettingsOf as fx,
  workspaceSettingsSetup as setup,
} from '../../src/features/teams/workspace-settings.testing.ts';
import { brandOf, org, type SamplesOf } from './sample.ts';

/** Samples of the `tags.*` procedures for the policy, cross-tenant and audit suites. */
export const TAGS_SAMPLES: SamplesOf<'tags'> = {
  'tags.list': {
    kind: 'query',
    valid: brandOf,
    foreignIds: (o, f) => [{ ...org(o), brandId: f.brandIds[0] }],
  },
  'tags.usage': {
    kind: 'query',
    setup,
    valid: (o) => ({ ...org(o), tagId: fx(o).tagId }),
    foreignIds: (o, f) => [{ ...org(o), tagId: fx(f).tagId }],
  },
  'tags.create': {
    kind: 'mutation',
    valid: (o) => ({ ...brandOf(o), name: 'Suite tag', color: '#1F9D55' }),
    foreignIds: (o, f) => [{ ...org(o), brandId: f.brandIds[0], name: 'Suite tag' }],
  },
  'tags.update': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), tagId: fx(o).tagId, name: 'refunds', color: '#2563eb' }),
    foreignIds: (o, f) => [{ ...org(o), tagId: fx(f).tagId, name: 'hijacked' }],
  },
  'tags.delete': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), tagId: fx(o).tagId }),
    foreignIds: (o, f) => [{ ...org(o), tagId: fx(f).tagId }],
  },
};
