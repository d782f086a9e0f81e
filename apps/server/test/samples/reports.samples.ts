import { reportsFixtureOf as fx, reportsSetup as setup } from '../../src/features/reports/reports.testing.ts';
import type { TenantFixture } from '../harness.ts';
import { org, type SamplesOf } from './sample.ts';

const fields = (f: TenantFixture) => ({
  name: 'Suite weekly report',
  frequency: 'weekly',
  weekday: 1,
  hour: 9,
  timeZone: 'Europe/Paris',
  recipients: ['manager@perch.test'],
  filters: { brandIds: [f.brandIds[0]] },
  format: 'csv',
});

/** Samples of the `reports.*` procedures for the policy, cross-tenant and audit suites. */
export const REPORTS_SAMPLES: SamplesOf<'reports'> = {
  'reports.list': { kind: 'query', setup, valid: org },
  'reports.create': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), ...fields(o) }),
    foreignIds: (o, f) => [
      { ...org(o), ...fields(o), filters: { brandIds: [f.brandIds[0]] } },
      { ...org(o), ...fields(o), filters: { brandIds: [o.brandIds[0], f.brandIds[0]] } },
      { ...org(o), ...fields(o), filters: { channelIds: [f.webhookChannelId] } },
      { ...org(o), ...fields(o), filters: { assigneeUserIds: [f.users.agent.userId] } },
    ],
  },
  'reports.update': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), reportId: fx(o).reportId, ...fields(o), name: 'Renamed report' }),
    foreignIds: (o, f) => [
      { ...org(o), reportId: fx(f).reportId, ...fields(o), name: 'Hijacked' },
      { ...org(o), reportId: fx(o).reportId, ...fields(o), filters: { brandIds: [f.brandIds[0]] } },
    ],
  },
  'reports.delete': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), reportId: fx(o).reportId }),
    foreignIds: (o, f) => [{ ...org(o), reportId: fx(f).reportId }],
  },
  'reports.sendNow': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), reportId: fx(o).reportId }),
    foreignIds: (o, f) => [{ ...org(o), reportId: fx(f).reportId }],
  },
};
