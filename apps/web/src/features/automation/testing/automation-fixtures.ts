import type { Agent } from '@/features/agents/types.ts';
import type { Team } from '@/features/teams/types.ts';
import type { Tag } from '@/features/tags/types.ts';
import type { Channel } from '@/lib/trpc.ts';
import { ids, membersFixture } from '@/testing/fixtures.ts';
import type { AutomationRule } from '../types.ts';

/** Test data of the automation page: a brand's tags, teams, members, channels, and two rules that use them. */
export const automationIds = {
  refunds: '0190a7e2-0000-7000-8000-0000000a7001',
  nightVips: '0190a7e2-0000-7000-8000-0000000a7002',
  created: '0190a7e2-0000-7000-8000-0000000a7003',
  tagBilling: '0190a7e2-0000-7000-8000-0000000a7101',
  tagCargo: '0190a7e2-0000-7000-8000-0000000a7102',
  teamBilling: '0190a7e2-0000-7000-8000-0000000a7201',
  teamCargo: '0190a7e2-0000-7000-8000-0000000a7202',
  channelX: '0190a7e2-0000-7000-8000-0000000a7301',
  channelCargo: '0190a7e2-0000-7000-8000-0000000a7302',
};
const a = automationIds;

export const tagsFixture: Tag[] = [{ id: a.tagBilling, brandId: ids.brandSkyward, name: 'Billing', color: '#1f9d55' }];

const team = (id: string, name: string, brandIds: string[]): Team => ({
  id,
  name,
  brandIds,
  members: [],
  createdAt: '2026-02-01T10:00:00.000Z',
});
export const teamsFixture: Team[] = [
  team(a.teamBilling, 'Billing desk', [ids.brandSkyward]),
  team(a.teamCargo, 'Cargo desk', [ids.brandCargo]),
];

const agent = (member: (typeof membersFixture)[number]): Agent => ({
  membershipId: member.membershipId,
  userId: member.userId,
  name: member.name,
  email: member.email,
  role: member.role,
  availability: 'online',
  capacity: null,
  needsApproval: false,
  openCount: 0,
  brandIds: member.brandIds,
  teams: [],
});
export const [olivia, adam] = membersFixture.map(agent) as [Agent, Agent];

const channel = (id: string, brandId: string, name: string): Channel => ({
  id,
  brandId,
  kind: 'webhook',
  name,
  externalId: null,
  lastEventAt: null,
  lastError: null,
  createdAt: '2026-02-01T10:00:00.000Z',
  webhookUrl: null,
  eventsToday: 0,
  backlog: 0,
  polling: null,
  replyUrl: null,
});
export const channelsFixture: Channel[] = [
  channel(a.channelX, ids.brandSkyward, 'Skyward Air on X'),
  channel(a.channelCargo, ids.brandCargo, 'Cargo forms'),
];

export const threeMinutesAgo = () => new Date(Date.now() - 3 * 60_000 - 5_000).toISOString();

export const refundsRule = (): AutomationRule => ({
  id: a.refunds,
  brandId: ids.brandSkyward,
  name: 'Refunds to billing',
  trigger: 'conversation_created',
  conditions: [
    { type: 'channel', channelIds: [a.channelX] },
    { type: 'keywords', keywords: ['refund', 'lost bag'] },
  ],
  actions: [
    { type: 'add_tag', tagId: a.tagBilling },
    { type: 'assign_team', teamId: a.teamBilling },
  ],
  enabled: true,
  position: 0,
  runCount: 12,
  lastRunAt: threeMinutesAgo(),
  createdAt: '2026-02-01T10:00:00.000Z',
  updatedAt: '2026-02-01T10:00:00.000Z',
});

export const nightVipsRule = (): AutomationRule => ({
  id: a.nightVips,
  brandId: ids.brandSkyward,
  name: 'Night VIPs',
  trigger: 'mention_received',
  conditions: [
    { type: 'vip', vip: true },
    { type: 'time_of_day', from: '22:00', to: '06:00', days: [0, 1, 2, 3, 4, 5, 6] },
  ],
  actions: [
    { type: 'notify', userIds: [olivia.userId] },
    { type: 'set_priority', priority: 'urgent' },
  ],
  enabled: false,
  position: 1,
  runCount: 0,
  lastRunAt: null,
  createdAt: '2026-02-02T10:00:00.000Z',
  updatedAt: '2026-02-02T10:00:00.000Z',
});
