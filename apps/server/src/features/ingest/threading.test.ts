import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { enrich } from '../enrichment/index.ts';
import type { NormalizedMention } from './normalized-mention.ts';
import { planThreading, type ConversationState, type PreparedMention } from './threading.ts';

let seq = 0;
const ids = () => `c-${++seq}`;

function post(
  externalId: string,
  customerId: string,
  minute: number,
  extra: Partial<NormalizedMention> = {},
): PreparedMention {
  return {
    id: `m-${externalId}`,
    customerId,
    handleId: `h-${customerId}`,
    enrichment: null,
    rules: null,
    mention: {
      externalId,
      kind: 'mention',
      text: 'hello',
      inReplyToExternalId: null,
      threadExternalId: null,
      postedAt: new Date(Date.UTC(2026, 0, 1, 10, minute)),
      author: {
        externalUserId: customerId,
        username: customerId,
        displayName: '',
        followers: 0,
        verified: false,
        profileUrl: null,
      },
      raw: null,
      ...extra,
    },
  };
}

const loaded = (
  id: string,
  customerId: string,
  status: ConversationState['status'],
): Omit<ConversationState, 'isNew' | 'changed' | 'snoozedUntilCleared'> => ({
  id,
  customerId,
  status,
  priority: 'normal',
  teamId: null,
  tagIds: [],
  waitingSince: null,
  lastMessageAt: new Date(Date.UTC(2025, 0, 1)),
  episodeStartedAt: new Date(Date.UTC(2025, 0, 1)),
  sentiment: null,
  language: null,
  isVip: false,
  channelId: 'ch-1',
  lastInboundAt: null,
});

const empty = new Map<string, never>();

describe('planThreading (the threading rule, set-based)', () => {
  it('a new conversation belongs to the batch channel; a VIP post marks it VIP; the last inbound time follows', () => {
    const vip = { ...post('9', 'carol', 3), vip: true };
    const plan = planThreading({
      mentions: [post('8', 'carol', 1), vip, post('7', 'dave', 2)],
      postConversation: empty,
      openByCustomer: empty,
      states: empty,
      newId: ids,
      channelId: 'ch-x',
    });
    const carol = plan.conversations.find((c) => c.customerId === 'carol');
    const dave = plan.conversations.find((c) => c.customerId === 'dave');
    expect(carol).toMatchObject({ channelId: 'ch-x', isVip: true });
    expect(carol?.lastInboundAt?.getUTCMinutes()).toBe(3);
    expect(dave).toMatchObject({ channelId: 'ch-x', isVip: false });
  });

  it("joins an author's posts in one batch into one new conversation, oldest first", () => {
    const plan = planThreading({
      mentions: [post('2', 'alice', 5), post('1', 'alice', 1), post('3', 'bob', 2)],
      postConversation: empty,
      openByCustomer: empty,
      states: empty,
      newId: ids,
    });
    expect(plan.conversations.filter((c) => c.isNew)).toHaveLength(2);
    expect(plan.conversationOf.get('m-1')).toBe(plan.conversationOf.get('m-2'));
    expect(plan.conversationOf.get('m-3')).not.toBe(plan.conversationOf.get('m-1'));
    const alice = plan.conversations.find((c) => c.customerId === 'alice');
    // Waiting since the first unanswered post, last message at the newest.
    expect(alice?.waitingSince?.getUTCMinutes()).toBe(1);
    expect(alice?.lastMessageAt.getUTCMinutes()).toBe(5);
    expect(plan.events.map((e) => e.type)).toEqual([
      'conversation_created',
      'received',
      'conversation_created',
      'received',
      'received',
    ]);
  });

  it('a reply joins the conversation of the post it answers, even one earlier in the same batch', () => {
    const plan = planThreading({
      mentions: [post('10', 'alice', 1), post('11', 'carol', 2, { kind: 'reply', inReplyToExternalId: '10' })],
      postConversation: empty,
      openByCustomer: empty,
      states: empty,
      newId: ids,
    });
    expect(plan.conversationOf.get('m-11')).toBe(plan.conversationOf.get('m-10'));
  });

  it('an inbound post reopens a resolved conversation (new episode) and wakes a snoozed one', () => {
    const plan = planThreading({
      mentions: [post('20', 'alice', 1, { kind: 'reply', inReplyToExternalId: 'sent-1' }), post('21', 'bob', 1)],
      postConversation: new Map([['sent-1', 'conv-a']]),
      openByCustomer: new Map([['bob', 'conv-b']]),
      states: new Map([
        ['conv-a', loaded('conv-a', 'alice', 'resolved')],
        ['conv-b', loaded('conv-b', 'bob', 'snoozed')],
      ]),
      newId: ids,
    });
    const a = plan.conversations.find((c) => c.id === 'conv-a');
    const b = plan.conversations.find((c) => c.id === 'conv-b');
    expect(a).toMatchObject({ status: 'open', changed: true, isNew: false });
    expect(a?.episodeStartedAt.getUTCFullYear()).toBe(2026);
    expect(b).toMatchObject({ status: 'open', snoozedUntilCleared: true });
    expect(plan.events.filter((e) => e.type !== 'received').map((e) => [e.conversationId, e.type])).toEqual([
      ['conv-a', 'reopened'],
      ['conv-b', 'status_changed'],
    ]);
  });

  it("the brand's own post starts a conversation only when it answers nothing known, and never waits", () => {
    const plan = planThreading({
      mentions: [post('30', 'brand', 1, { kind: 'outbound' })],
      postConversation: empty,
      openByCustomer: empty,
      states: empty,
      newId: ids,
    });
    expect(plan.conversations[0]).toMatchObject({ status: 'new', waitingSince: null });
    expect(plan.events.at(-1)?.type).toBe('outbound_received');
  });

  it('rules raise priority (never lower it), add tags once and set a team only when none is set', () => {
    const rules = (priority: 'urgent' | 'low', tag: string, team: string) => ({
      tagIds: [tag],
      priority,
      teamId: team,
      matchedRuleIds: [`r-${tag}`],
    });
    const plan = planThreading({
      mentions: [
        { ...post('40', 'alice', 1), rules: rules('urgent', 'bags', 'team-1') },
        { ...post('41', 'alice', 2), rules: rules('low', 'bags', 'team-2') },
      ],
      postConversation: empty,
      openByCustomer: empty,
      states: empty,
      newId: ids,
    });
    expect(plan.conversations[0]).toMatchObject({ priority: 'urgent', tagIds: ['bags'], teamId: 'team-1' });
  });

  it("a rule's priority replaces the computed one for a new conversation, e.g. lowering a promo", () => {
    const enrichment = enrich({
      text: '@SkywardAir flight cancelled and my bag is lost, stranded!',
      followers: 5000,
      verified: true,
    });
    expect(enrichment.priority.priority).not.toBe('low');
    const plan = planThreading({
      mentions: [
        {
          ...post('50', 'erin', 1),
          enrichment,
          rules: { tagIds: [], priority: 'low', teamId: null, matchedRuleIds: ['promo'] },
        },
      ],
      postConversation: empty,
      openByCustomer: empty,
      states: empty,
      newId: ids,
    });
    expect(plan.conversations[0]?.priority).toBe('low');
    expect(plan.events.at(-1)?.data).toMatchObject({ rules: ['promo'] });
  });

  it('property: every post gets exactly one conversation and one received event, whatever the batch', () => {
    const arbitraryPost = fc.record({
      customer: fc.constantFrom('a', 'b', 'c', 'd'),
      minute: fc.integer({ min: 0, max: 59 }),
      replyTo: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
      outbound: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 30 }),
        fc.array(arbitraryPost, { minLength: 30, maxLength: 30 }),
        (externalIds, shapes) => {
          const mentions = externalIds.map((n, i) => {
            const s = shapes[i];
            if (!s) throw new Error('shape');
            return post(String(n), s.customer, s.minute, {
              kind: s.outbound ? 'outbound' : 'mention',
              inReplyToExternalId: s.replyTo === null ? null : String(s.replyTo),
            });
          });
          const plan = planThreading({
            mentions,
            postConversation: empty,
            openByCustomer: empty,
            states: empty,
            newId: ids,
          });
          expect(plan.conversationOf.size).toBe(mentions.length);
          const received = plan.events.filter((e) => e.type === 'received' || e.type === 'outbound_received');
          expect(received).toHaveLength(mentions.length);
          const created = plan.events.filter((e) => e.type === 'conversation_created').length;
          expect(created).toBe(plan.conversations.filter((c) => c.isNew).length);
          for (const c of plan.conversationOf.values()) expect(plan.conversations.some((x) => x.id === c)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
