import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AutomationAction, AutomationCondition, AutomationRunData, AutomationTrigger } from '@perch/shared';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant, startTestServices, type TenantFixture } from '../../../test/harness.ts';
import { runAutomation } from './automation-engine.ts';
import { localClock } from './conditions.ts';
import { conversationWithMention, createAutomationFixture, type ConversationSpec } from './automation.testing.ts';

describe('automation engine: conditions, actions, order and the run record', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  let n = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    services = await startTestServices(db);
  });
  afterAll(async () => {
    await services.stop();
    await db.dispose();
  });

  const deps = () => ({ db: db.prisma, bus: services.bus, queue: services.queue });
  const tenant = async () => {
    const t = await createTenant(db.prisma, `Engine ${++n}`);
    return { t, fx: await createAutomationFixture(db.prisma, t) };
  };
  /** Replaces the fixture's rule: only the rules given exist on the first brand. */
  async function rules(
    t: TenantFixture,
    specs: { trigger?: AutomationTrigger; conditions?: AutomationCondition[]; actions: AutomationAction[] }[],
  ) {
    await db.prisma.automationRule.deleteMany({ where: { organizationId: t.organizationId } });
    const ids: string[] = [];
    for (const [position, s] of specs.entries()) {
      const row = await db.prisma.automationRule.create({
        data: {
          organizationId: t.organizationId,
          brandId: t.brandIds[0]!,
          name: `Rule ${position + 1}`,
          trigger: s.trigger ?? 'mention_received',
          conditions: s.conditions ?? [],
          actions: s.actions,
          position,
        },
        select: { id: true },
      });
      ids.push(row.id);
    }
    return ids;
  }
  const run = async (
    t: TenantFixture,
    spec: ConversationSpec = {},
    trigger: AutomationTrigger = 'mention_received',
  ) => {
    const c = await conversationWithMention(db.prisma, t, spec);
    const matched = await runAutomation(deps(), t.organizationId, trigger, c);
    return { ...c, matched };
  };
  const eventsOf = (conversationId: string) =>
    db.prisma.conversationEvent.findMany({
      where: { conversationId },
      orderBy: { id: 'asc' },
      select: { type: true, actorUserId: true, data: true },
    });
  const stateOf = (id: string) => db.prisma.conversation.findUniqueOrThrow({ where: { id } });

  it('applies every action in one step and records the run in the timeline', async () => {
    const { t, fx } = await tenant();
    const [ruleId] = await rules(t, [
      {
        actions: [
          { type: 'add_tag', tagId: fx.tagId },
          { type: 'set_priority', priority: 'urgent' },
          { type: 'assign_team', teamId: fx.teamId },
          { type: 'assign_agent', userId: t.users.agent.userId },
          { type: 'add_note', text: 'Refund requests go to the desk' },
          { type: 'notify', userIds: [t.users.manager.userId] },
        ],
      },
    ]);
    const c = await run(t);
    expect(c.matched).toEqual([ruleId]);
    const after = await stateOf(c.conversationId);
    expect(after).toMatchObject({
      version: 1,
      priority: 'urgent',
      teamId: fx.teamId,
      assigneeUserId: t.users.agent.userId,
      tagIds: [fx.tagId],
    });
    const events = await eventsOf(c.conversationId);
    expect(events.every((e) => e.actorUserId === null)).toBe(true);
    expect(events.map((e) => e.type)).toEqual([
      'automation_ran',
      'tags_changed',
      'priority_changed',
      'team_changed',
      'assigned',
      'note_added',
    ]);
    expect(events.every((e) => (e.data as { ruleId: string }).ruleId === ruleId)).toBe(true);
    expect(events[0]!.data).toEqual({
      ruleId: ruleId!,
      ruleName: 'Rule 1',
      trigger: 'mention_received',
      actions: ['add_tag', 'set_priority', 'assign_team', 'assign_agent', 'add_note', 'notify'],
    } satisfies AutomationRunData);
    const note = await db.prisma.note.findFirstOrThrow({ where: { conversationId: c.conversationId } });
    expect(note).toMatchObject({ authorUserId: null, automationRuleId: ruleId, automationRuleName: 'Rule 1' });
    const notifications = await db.prisma.notification.findMany({
      where: { conversationId: c.conversationId },
      orderBy: { kind: 'asc' },
      select: { userId: true, kind: true, actorUserId: true, data: true },
    });
    expect(notifications).toEqual([
      { userId: t.users.agent.userId, kind: 'assigned', actorUserId: null, data: { ruleId, ruleName: 'Rule 1' } },
      { userId: t.users.manager.userId, kind: 'automation', actorUserId: null, data: { ruleId, ruleName: 'Rule 1' } },
    ]);
    const rule = await db.prisma.automationRule.findUniqueOrThrow({ where: { id: ruleId } });
    expect(rule.runCount).toBe(1);
    expect(rule.lastRunAt).not.toBeNull();

    // The agent sees the run in the conversation's timeline, and the rule's note in the thread.
    const agent = await callerFor(db.prisma, t.users.agent.userId);
    const detail = await agent.conversations.get({
      organizationId: t.organizationId,
      conversationId: c.conversationId,
    });
    expect(detail.timeline.find((e) => e.type === 'automation_ran')).toMatchObject({
      actorUserId: null,
      data: { ruleId },
    });
    // The manager's notification centre names the rule that notified them.
    const manager = await callerFor(db.prisma, t.users.manager.userId);
    const { items } = await manager.notifications.list({ organizationId: t.organizationId, limit: 10 });
    expect(items.find((n) => n.conversationId === c.conversationId)).toMatchObject({
      kind: 'automation',
      actorName: null,
      ruleName: 'Rule 1',
    });
  });

  it('mark_spam flags the inbound messages and resolves the conversation', async () => {
    const { t } = await tenant();
    await rules(t, [{ actions: [{ type: 'mark_spam' }] }]);
    const c = await run(t, { status: 'open' });
    expect(await stateOf(c.conversationId)).toMatchObject({ status: 'resolved', version: 1 });
    expect((await db.prisma.mention.findUniqueOrThrow({ where: { id: c.mentionId } })).isSpam).toBe(true);
    const events = await eventsOf(c.conversationId);
    expect(events.map((e) => [e.type, (e.data as { to?: string }).to])).toEqual([
      ['automation_ran', undefined],
      ['status_changed', 'resolved'],
    ]);
  });

  it('an action whose tag, team or member has gone is skipped, never fails the run', async () => {
    const { t, fx } = await tenant();
    const [ruleId] = await rules(t, [
      {
        actions: [
          { type: 'add_tag', tagId: fx.tagId },
          { type: 'assign_team', teamId: fx.teamId },
          { type: 'assign_agent', userId: t.users.agent.userId },
          { type: 'set_priority', priority: 'high' },
        ],
      },
    ]);
    await db.prisma.tag.delete({ where: { id: fx.tagId } });
    await db.prisma.team.delete({ where: { id: fx.teamId } });
    await db.prisma.membership.delete({ where: { id: t.users.agent.membershipId } });
    const c = await run(t);
    expect(c.matched).toEqual([ruleId]);
    expect(await stateOf(c.conversationId)).toMatchObject({
      tagIds: [],
      teamId: null,
      assigneeUserId: null,
      priority: 'high',
    });
    const [ran] = await eventsOf(c.conversationId);
    expect(ran!).toMatchObject({ type: 'automation_ran', data: { actions: ['set_priority'] } });
  });

  it('evaluates each condition type against the conversation and its latest inbound message', async () => {
    const { t, fx } = await tenant();
    const note: AutomationAction[] = [{ type: 'add_note', text: 'matched' }];
    const cases: [AutomationCondition, ConversationSpec, ConversationSpec][] = [
      [{ type: 'keywords', keywords: ['refund'] }, { text: 'I want a Refund!' }, { text: 'I was refunded' }],
      [{ type: 'language', languages: ['fr'] }, { language: 'fr' }, { language: 'en' }],
      [{ type: 'sentiment', sentiments: ['negative'] }, { sentiment: 'negative' }, { sentiment: 'positive' }],
      [{ type: 'priority', priorities: ['high', 'urgent'] }, { priority: 'high' }, { priority: 'low' }],
      [{ type: 'tags', match: 'any', tagIds: [fx.tagId] }, { tagIds: [fx.tagId] }, {}],
      [{ type: 'vip', vip: true }, { isVip: true }, {}],
      [{ type: 'followers', min: 10_000 }, { followers: 25_000 }, { followers: 12 }],
      [{ type: 'channel', channelIds: [t.xChannelId] }, { channelId: t.xChannelId }, {}],
    ];
    for (const [condition, yes, no] of cases) {
      const [ruleId] = await rules(t, [{ conditions: [condition], actions: note }]);
      expect({ type: condition.type, matched: (await run(t, yes)).matched }).toEqual({
        type: condition.type,
        matched: [ruleId],
      });
      expect({ type: condition.type, matched: (await run(t, no)).matched }).toEqual({
        type: condition.type,
        matched: [],
      });
    }
    // Time of day, in the brand's zone (Europe/Paris): the hour now matches, the hour after next does not.
    const { minutes } = localClock(new Date(), 'Europe/Paris')!;
    const at = (h: number) => `${String((Math.floor(minutes / 60) + h) % 24).padStart(2, '0')}:00`;
    const everyDay = [0, 1, 2, 3, 4, 5, 6];
    const [now] = await rules(t, [
      { conditions: [{ type: 'time_of_day', from: at(0), to: at(1), days: everyDay }], actions: note },
    ]);
    expect((await run(t)).matched).toEqual([now]);
    await rules(t, [{ conditions: [{ type: 'time_of_day', from: at(2), to: at(3), days: everyDay }], actions: note }]);
    expect((await run(t)).matched).toEqual([]);
  });

  it('rules apply in order: a later rule sees what an earlier one changed', async () => {
    const { t, fx } = await tenant();
    const [first, second] = await rules(t, [
      {
        conditions: [{ type: 'keywords', keywords: ['refund'] }],
        actions: [{ type: 'set_priority', priority: 'high' }],
      },
      { conditions: [{ type: 'priority', priorities: ['high'] }], actions: [{ type: 'add_tag', tagId: fx.tagId }] },
    ]);
    const c = await run(t, { text: 'refund please' });
    expect(c.matched).toEqual([first, second]);
    expect(await stateOf(c.conversationId)).toMatchObject({ priority: 'high', tagIds: [fx.tagId], version: 1 });
    // Swapped, the tag rule runs first and does not see the priority yet.
    await db.prisma.automationRule.update({ where: { id: second }, data: { position: -1 } });
    expect((await run(t, { text: 'refund please' })).matched).toEqual([first]);
  });

  it('a disabled rule, another trigger’s rule, or conversation_updated on a resolved conversation does nothing', async () => {
    const { t } = await tenant();
    const [updated, disabled] = await rules(t, [
      { trigger: 'conversation_updated', actions: [{ type: 'set_priority', priority: 'low' }] },
      { actions: [{ type: 'set_priority', priority: 'low' }] },
    ]);
    await db.prisma.automationRule.update({ where: { id: disabled }, data: { enabled: false } });
    expect((await run(t, {}, 'mention_received')).matched).toEqual([]);
    const resolved = await run(t, { status: 'resolved' }, 'conversation_updated');
    expect(resolved.matched).toEqual([]);
    expect(await eventsOf(resolved.conversationId)).toEqual([]);
    expect((await run(t, { status: 'open' }, 'conversation_updated')).matched).toEqual([updated]);
  });

  it('a rule matching with nothing left to do records the run without a version step', async () => {
    const { t } = await tenant();
    const [ruleId] = await rules(t, [{ actions: [{ type: 'set_priority', priority: 'high' }] }]);
    const c = await run(t, { priority: 'high' });
    expect(c.matched).toEqual([ruleId]);
    expect((await stateOf(c.conversationId)).version).toBe(0);
    expect((await eventsOf(c.conversationId)).map((e) => [e.type, (e.data as { actions: unknown }).actions])).toEqual([
      ['automation_ran', []],
    ]);
  });

  it('an agent acting on the version before a rule ran gets CONFLICT naming the rule and its change', async () => {
    const { t } = await tenant();
    await rules(t, [{ actions: [{ type: 'set_priority', priority: 'urgent' }] }]);
    const c = await run(t, { priority: 'normal' });
    const agent = await callerFor(db.prisma, t.users.agent.userId);
    const stale = await agent.conversations
      .setPriority({
        organizationId: t.organizationId,
        conversationId: c.conversationId,
        expectedVersion: 0,
        priority: 'low',
      })
      .then(
        () => null,
        (error: { message: string; cause?: { details?: Record<string, unknown> } }) => error,
      );
    expect(stale?.message).toMatch(/^The automation rule "Rule 1" set its priority to urgent \d+ s ago/);
    expect((await stateOf(c.conversationId)).priority).toBe('urgent');
  });
});
