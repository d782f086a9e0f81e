import {
  workspaceSettingsOf as fx,
  workspaceSettingsSetup as setup,
} from '../../src/features/teams/workspace-settings.testing.ts';
import { org, type SamplesOf } from './sample.ts';

/** Samples of the `teams.*` procedures for the policy, cross-tenant and audit suites. */
export const TEAMS_SAMPLES: SamplesOf<'teams'> = {
  'teams.list': { kind: 'query', valid: org },
  'teams.create': {
    kind: 'mutation',
    valid: (o) => ({
      ...org(o),
      name: 'Suite desk',
      brandIds: [o.brandIds[0]],
      membershipIds: [o.users.agent.membershipId],
    }),
    foreignIds: (o, f) => [
      { ...org(o), name: 'Desk 1', brandIds: [f.brandIds[0]] },
      { ...org(o), name: 'Desk 2', brandIds: [o.brandIds[0], f.brandIds[1]] },
      { ...org(o), name: 'Desk 3', membershipIds: [f.users.agent.membershipId] },
      { ...org(o), name: 'Desk 4', membershipIds: [o.users.agent.membershipId, f.users.manager.membershipId] },
    ],
  },
  'teams.update': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), teamId: fx(o).teamId, name: 'Renamed desk', brandIds: o.brandIds }),
    foreignIds: (o, f) => [
      { ...org(o), teamId: fx(f).teamId, name: 'Hijacked' },
      { ...org(o), teamId: fx(o).teamId, brandIds: [f.brandIds[0]] },
      { ...org(o), teamId: fx(o).teamId, brandIds: [o.brandIds[0], f.brandIds[0]] },
    ],
  },
  'teams.delete': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), teamId: fx(o).teamId }),
    foreignIds: (o, f) => [{ ...org(o), teamId: fx(f).teamId }],
  },
  'teams.setMembers': {
    kind: 'mutation',
    setup,
    valid: (o) => ({
      ...org(o),
      teamId: fx(o).teamId,
      membershipIds: [o.users.agent.membershipId, o.users.manager.membershipId],
    }),
    foreignIds: (o, f) => [
      { ...org(o), teamId: fx(f).teamId, membershipIds: [] },
      { ...org(o), teamId: fx(o).teamId, membershipIds: [f.users.agent.membershipId] },
      { ...org(o), teamId: fx(o).teamId, membershipIds: [o.users.manager.membershipId, f.users.agent.membershipId] },
    ],
  },
};
