import { automationOf as fx, automationSetup as setup } from '../../src/features/automation/automation.testing.ts';
import { brandOf, org, type SamplesOf } from './sample.ts';

const MISSING = '00000000-0000-4000-8000-000000000000';

/** Samples of the `automation.*` procedures for the policy, cross-tenant and audit suites. */
export const AUTOMATION_SAMPLES: SamplesOf<'automation'> = {
  'automation.list': {
    kind: 'query',
    valid: brandOf,
    foreignIds: (o, f) => [{ ...org(o), brandId: f.brandIds[0] }],
  },
  'automation.create': {
    kind: 'mutation',
    setup,
    valid: (o) => ({
      ...brandOf(o),
      name: 'Refunds to the desk',
      trigger: 'mention_received',
      conditions: [
        { type: 'keywords', keywords: ['refund'] },
        { type: 'tags', match: 'none', tagIds: [fx(o).tagId] },
        { type: 'channel', channelIds: [o.webhookChannelId] },
      ],
      actions: [
        { type: 'add_tag', tagId: fx(o).tagId },
        { type: 'assign_team', teamId: fx(o).teamId },
        { type: 'assign_agent', userId: o.users.agent.userId },
        { type: 'notify', userIds: [o.users.manager.userId] },
      ],
    }),
    foreignIds: (o, f) => {
      const base = { ...brandOf(o), name: 'Hijack', trigger: 'mention_received' };
      return [
        {
          ...org(o),
          brandId: f.brandIds[0],
          name: 'Hijack',
          trigger: 'mention_received',
          actions: [{ type: 'mark_spam' }],
        },
        { ...base, actions: [{ type: 'add_tag', tagId: fx(f).tagId }] },
        { ...base, actions: [{ type: 'assign_team', teamId: fx(f).teamId }] },
        { ...base, actions: [{ type: 'assign_agent', userId: f.users.agent.userId }] },
        { ...base, actions: [{ type: 'notify', userIds: [o.users.agent.userId, f.users.agent.userId] }] },
        {
          ...base,
          conditions: [{ type: 'tags', match: 'any', tagIds: [fx(o).tagId, fx(f).tagId] }],
          actions: [{ type: 'mark_spam' }],
        },
        {
          ...base,
          conditions: [{ type: 'channel', channelIds: [f.webhookChannelId] }],
          actions: [{ type: 'mark_spam' }],
        },
      ];
    },
  },
  'automation.update': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), ruleId: fx(o).ruleId, name: 'Renamed by the suite', enabled: false }),
    foreignIds: (o, f) => [
      { ...org(o), ruleId: fx(f).ruleId, enabled: false },
      { ...org(o), ruleId: fx(o).ruleId, actions: [{ type: 'add_tag', tagId: fx(f).tagId }] },
      { ...org(o), ruleId: fx(o).ruleId, actions: [{ type: 'assign_team', teamId: fx(f).teamId }] },
      { ...org(o), ruleId: fx(o).ruleId, actions: [{ type: 'notify', userIds: [f.users.manager.userId] }] },
    ],
  },
  'automation.delete': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), ruleId: fx(o).ruleId }),
    foreignIds: (o, f) => [
      { ...org(o), ruleId: fx(f).ruleId },
      { ...org(o), ruleId: MISSING },
    ],
  },
  'automation.reorder': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...brandOf(o), ruleIds: [fx(o).ruleId] }),
    foreignIds: (o, f) => [
      { ...org(o), brandId: f.brandIds[0], ruleIds: [fx(f).ruleId] },
      { ...brandOf(o), ruleIds: [fx(f).ruleId] },
      { ...brandOf(o), ruleIds: [fx(o).ruleId, fx(f).ruleId] },
    ],
  },
};
