import type { TenantFixture } from '../harness.ts';
import { brandOf, org, type Sample, type SamplesOf } from './sample.ts';

/** A tag, a team and a shared saved view per tenant (created once), named by the inbox samples. */
const fixtures = new Map<string, { tagId: string; teamId: string; viewId: string }>();
const setup: Sample['setup'] = async ({ db }, own) => {
  if (fixtures.has(own.organizationId)) return;
  const organizationId = own.organizationId;
  const tag = await db.tag.create({
    data: { organizationId, brandId: own.brandIds[0]!, name: 'inbox-sample' },
    select: { id: true },
  });
  const team = await db.team.create({ data: { organizationId, name: 'Inbox sample desk' }, select: { id: true } });
  const view = await db.savedView.create({
    data: {
      organizationId,
      ownerUserId: own.users.manager.userId,
      shared: true,
      name: 'Inbox sample view',
      definition: { view: 'all_open', filters: { tagIds: [tag.id] }, sort: 'newest' },
    },
    select: { id: true },
  });
  fixtures.set(organizationId, { tagId: tag.id, teamId: team.id, viewId: view.id });
};
function fx(f: TenantFixture) {
  const found = fixtures.get(f.organizationId);
  if (!found) throw new Error('no inbox fixture for this tenant: await the sample setup first');
  return found;
}

/** Filters naming every kind of id of `o` (all valid for the member). */
const ownFilters = (o: TenantFixture) => ({
  brandIds: [o.brandIds[0]],
  channelIds: [o.webhookChannelId],
  tagIds: [fx(o).tagId],
  teamIds: ['none', fx(o).teamId],
  assigneeUserIds: ['none', o.users.agent.userId],
});

/** The foreign tenant's ids, one kind at a time, alone and mixed with the own tenant's. */
const foreignFilters = (o: TenantFixture, f: TenantFixture) => [
  { brandIds: [f.brandIds[0]] },
  { brandIds: [o.brandIds[0], f.brandIds[1]] },
  { channelIds: [o.webhookChannelId, f.webhookChannelId] },
  { tagIds: [fx(f).tagId] },
  { teamIds: ['none', fx(f).teamId] },
  { assigneeUserIds: [o.users.agent.userId, f.users.agent.userId] },
];

/** Samples of the `inbox.*` procedures for the policy, cross-tenant and audit suites. */
export const INBOX_SAMPLES: SamplesOf<'inbox'> = {
  'inbox.list': {
    kind: 'query',
    setup,
    valid: (o) => ({ ...org(o), view: 'all_open', filters: ownFilters(o), sort: 'sla_due' }),
    foreignIds: (o, f) => [
      { ...org(o), view: fx(f).viewId },
      ...foreignFilters(o, f).map((filters) => ({ ...org(o), view: 'all_open', filters })),
      ...foreignFilters(o, f).map((filters) => ({ ...org(o), view: fx(o).viewId, filters })),
    ],
  },
  'inbox.counts': {
    kind: 'query',
    valid: brandOf,
    foreignIds: (o, f) => [{ ...org(o), brandId: f.brandIds[0] }],
  },
  'inbox.savedViewCounts': {
    kind: 'query',
    setup,
    valid: brandOf,
    foreignIds: (o, f) => [{ ...org(o), brandId: f.brandIds[1] }],
  },
  'inbox.search': {
    kind: 'query',
    setup,
    valid: (o) => {
      const { brandIds: _brands, ...filters } = ownFilters(o);
      return { ...brandOf(o), query: 'refund', filters };
    },
    foreignIds: (o, f) => [
      { ...org(o), brandId: f.brandIds[0], query: 'refund' },
      ...foreignFilters(o, f)
        .filter((filters) => !('brandIds' in filters))
        .map((filters) => ({ ...brandOf(o), query: 'refund', filters })),
    ],
  },
};
