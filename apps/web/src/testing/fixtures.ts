import type { BrandEntitlements, Role } from '@perch/shared';
import type { Brand, Me, Member, Organization } from '@/lib/trpc.ts';

/** Stable ids (UUIDv7-shaped like the server's). */
export const ids = {
  org: '0190a7e2-0000-7000-8000-00000000a001',
  otherOrg: '0190a7e2-0000-7000-8000-00000000a002',
  user: '0190a7e2-0000-7000-8000-00000000b001',
  membership: '0190a7e2-0000-7000-8000-00000000c001',
  brandSkyward: '0190a7e2-0000-7000-8000-00000000d001',
  brandCargo: '0190a7e2-0000-7000-8000-00000000d002',
} as const;

export function meFixture(role: Role = 'owner', overrides: Partial<Me['user']> = {}): Me {
  return {
    user: {
      id: ids.user,
      email: 'olivia@skyward.test',
      name: 'Olivia Owner',
      locale: 'en',
      isPlatformOperator: false,
      ...overrides,
    },
    memberships: [
      {
        membershipId: ids.membership,
        organizationId: ids.org,
        organizationName: 'Skyward Group',
        slug: 'skyward',
        role,
        brandIds: [],
      },
    ],
  };
}

export function organizationFixture(role: Role = 'owner'): Organization {
  return {
    id: ids.org,
    name: 'Skyward Group',
    slug: 'skyward',
    currency: 'EUR',
    requireTotp: false,
    myRole: role,
    myMembershipId: ids.membership,
    mustSetUpSecondFactor: false,
  };
}

export const brandsFixture: Brand[] = [
  {
    id: ids.brandCargo,
    name: 'Skyward Cargo',
    handle: 'SkywardCargo',
    timeZone: 'Europe/Paris',
    locale: 'fr',
    createdAt: '2026-01-10T09:00:00.000Z',
    requiresApproval: false,
  },
  {
    id: ids.brandSkyward,
    name: 'Skyward Air',
    handle: 'SkywardAir',
    timeZone: 'America/New_York',
    locale: 'en',
    createdAt: '2026-01-05T15:30:00.000Z',
    requiresApproval: false,
  },
];

export const membersFixture: Member[] = [
  {
    membershipId: ids.membership,
    userId: ids.user,
    name: 'Olivia Owner',
    email: 'olivia@skyward.test',
    role: 'owner',
    brandIds: [],
    availability: 'online',
    joinedAt: '2026-01-01T08:00:00.000Z',
  },
  {
    membershipId: '0190a7e2-0000-7000-8000-00000000c002',
    userId: '0190a7e2-0000-7000-8000-00000000b002',
    name: 'Adam Agent',
    email: 'adam@skyward.test',
    role: 'agent',
    brandIds: [ids.brandSkyward],
    availability: 'offline',
    joinedAt: '2026-02-01T08:00:00.000Z',
  },
];

/** An empty inbox: what the inbox page asks for, answered with no conversations. */
export const emptyInboxResolvers = {
  'inbox.counts': () => ({
    new: 0,
    mine: 0,
    unassigned: 0,
    my_team: 0,
    all_open: 0,
    pending: 0,
    snoozed: 0,
    resolved: 0,
  }),
  'inbox.list': () => ({ rows: [], nextCursor: null }),
  'inbox.savedViewCounts': () => [],
  'savedViews.list': () => [],
  'tags.list': () => [],
  'teams.list': () => [],
  'channels.list': () => [],
} as const;

/** What each fixture brand may use (billing.entitlements): Enterprise unless `free` lists it. */
export function entitlementsFixture(free: string[] = []): BrandEntitlements[] {
  return brandsFixture.map((b) =>
    free.includes(b.id)
      ? {
          brandId: b.id,
          planId: 'free',
          state: 'active',
          features: [],
          seats: 3,
          monthlyMentions: 1000,
          retentionDays: 30,
          unlockedBy: { auto_assignment: 'pro', sla_policies: 'pro', advanced_analytics: 'enterprise' },
        }
      : {
          brandId: b.id,
          planId: 'enterprise',
          state: 'active',
          features: ['auto_assignment', 'sla_policies', 'advanced_analytics'],
          seats: 20,
          monthlyMentions: 100000,
          retentionDays: 1095,
          unlockedBy: {},
        },
  );
}
