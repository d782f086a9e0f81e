import type { ConversationDetail } from '@perch/shared';
import { ids } from '@/testing/fixtures.ts';

export const paneIds = {
  conversation: '0190a7e2-0000-7000-8000-00000000f001',
  previous: '0190a7e2-0000-7000-8000-00000000f002',
  customer: '0190a7e2-0000-7000-8000-00000000f101',
  lea: '0190a7e2-0000-7000-8000-00000000b003',
  marc: '0190a7e2-0000-7000-8000-00000000b004',
  tagRefund: '0190a7e2-0000-7000-8000-00000000f201',
  tagDelay: '0190a7e2-0000-7000-8000-00000000f202',
  team: '0190a7e2-0000-7000-8000-00000000f301',
} as const;

export const XSS = '<img src=x onerror="alert(1)"><script>alert(2)</script>';

const agent = (userId: string, name: string, availability: 'online' | 'away' | 'offline') => ({
  membershipId: userId.replace('b0', 'c0'),
  userId,
  name,
  email: `${name.split(' ')[0]!.toLowerCase()}@skyward.test`,
  role: 'agent' as const,
  availability,
  capacity: null,
  needsApproval: false,
  openCount: 0,
  brandIds: [],
  teams: [],
});

export const agentsFixture = [
  agent(ids.user, 'Olivia Owner', 'online'),
  agent(paneIds.lea, 'Léa Martin', 'online'),
  agent(paneIds.marc, 'Marc Dubois', 'away'),
];

export const tagsFixture = [
  { id: paneIds.tagRefund, brandId: ids.brandSkyward, name: 'refund', color: '#ef4444' },
  { id: paneIds.tagDelay, brandId: ids.brandSkyward, name: 'delay', color: '#6b7280' },
];

export const teamsFixture = [
  { id: paneIds.team, name: 'Baggage desk', brandIds: [], members: [], createdAt: '2026-01-01T00:00:00.000Z' },
];

export function detailFixture(overrides: Partial<ConversationDetail['conversation']> = {}): ConversationDetail {
  return {
    conversation: {
      id: paneIds.conversation,
      brandId: ids.brandSkyward,
      channelId: null,
      status: 'open',
      priority: 'normal',
      sentiment: 'negative',
      language: 'en',
      tagIds: [paneIds.tagRefund],
      assigneeUserId: null,
      teamId: null,
      isVip: true,
      customer: {
        id: paneIds.customer,
        displayName: `Camille ${XSS}`,
        username: 'camille',
        followers: 12_300,
        verified: true,
      },
      snippet: 'Where is my bag?',
      waitingSince: '2026-03-01T10:00:00.000Z',
      lastMessageAt: '2026-03-01T10:00:00.000Z',
      snoozedUntil: null,
      slaDueAt: null,
      slaState: 'none',
      version: 7,
      createdAt: '2026-03-01T09:00:00.000Z',
      firstResponseDueAt: null,
      resolutionDueAt: null,
      episodeStartedAt: '2026-03-01T09:00:00.000Z',
      lastOutboundAt: null,
      channelKind: 'x',
      ...overrides,
    },
    thread: [
      {
        kind: 'mention',
        id: 'm1',
        at: '2026-03-01T09:00:00.000Z',
        direction: 'inbound',
        mentionKind: 'mention',
        text: `My bag is lost\nsecond line ${XSS} see javascript:alert(3) and https://status.skyward.test/bags`,
        deleted: false,
        authorName: `Camille ${XSS}`,
        authorUsername: 'camille',
        externalId: '1',
        sentiment: 'negative',
        language: 'en',
      },
      {
        kind: 'mention',
        id: 'm2',
        at: '2026-03-01T09:05:00.000Z',
        direction: 'inbound',
        mentionKind: 'reply',
        text: '',
        deleted: true,
        authorName: 'Camille',
        authorUsername: 'camille',
        externalId: '2',
        sentiment: null,
        language: null,
      },
      {
        kind: 'reply',
        id: 'r1',
        at: '2026-03-01T09:10:00.000Z',
        text: 'We are on it.',
        authorUserId: paneIds.lea,
        authorName: 'Léa Martin',
        isDirectMessage: false,
        state: 'failed',
        lastError: 'Rate limited',
        attempts: 3,
        nextAttemptAt: '2026-03-01T09:11:00.000Z',
        sentAt: null,
        networkId: null,
        review: null,
      },
      {
        kind: 'note',
        id: 'n1',
        at: '2026-03-01T09:12:00.000Z',
        text: `@Marc Dubois can you check? ${XSS}`,
        authorUserId: paneIds.lea,
        authorName: 'Léa Martin',
        mentionedUserIds: [paneIds.marc],
        automationRule: null,
      },
    ],
    threadTruncated: false,
    timeline: [
      {
        id: '1',
        type: 'conversation_created',
        at: '2026-03-01T09:00:00.000Z',
        actorUserId: null,
        actorName: null,
        data: {},
      },
      {
        id: '2',
        type: 'assigned',
        at: '2026-03-01T09:11:00.000Z',
        actorUserId: paneIds.lea,
        actorName: 'Léa Martin',
        data: { assigneeUserId: paneIds.marc },
      },
      {
        id: '3',
        type: 'status_changed',
        at: '2026-03-01T09:13:00.000Z',
        actorUserId: paneIds.lea,
        actorName: 'Léa Martin',
        data: { from: 'open', to: 'pending' },
      },
      {
        id: '4',
        type: 'priority_changed',
        at: '2026-03-01T09:14:00.000Z',
        actorUserId: null,
        actorName: null,
        data: { from: 'normal', to: 'urgent', ruleName: 'refund' },
      },
    ],
    customer: {
      id: paneIds.customer,
      displayName: `Camille ${XSS}`,
      isVip: true,
      handles: [
        {
          id: 'h1',
          network: 'x',
          username: `camille${XSS}`,
          followers: 12_300,
          verified: true,
          profileUrl: 'javascript:alert(4)',
        },
        {
          id: 'h2',
          network: 'webhook',
          username: 'camille_shop',
          followers: 5,
          verified: false,
          profileUrl: 'https://shop.test/u/camille',
        },
      ],
      notes: [
        {
          id: 'cn1',
          text: `Prefers DMs ${XSS}`,
          authorUserId: paneIds.lea,
          authorName: 'Léa Martin',
          at: '2026-02-01T09:00:00.000Z',
        },
      ],
      previousConversations: [
        { id: paneIds.previous, status: 'resolved', lastMessageAt: '2026-02-01T09:00:00.000Z', snippet: 'Late flight' },
      ],
    },
  };
}
