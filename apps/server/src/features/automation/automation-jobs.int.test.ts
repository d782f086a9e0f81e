import { Readable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AutomationAction, AutomationCondition, AutomationTrigger } from '@perch/shared';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant, startTestServices, type TenantFixture } from '../../../test/harness.ts';
import { enrich } from '../enrichment/index.ts';
import { importFile } from '../ingest/import.service.ts';
import { acceptInbound } from '../ingest/ingest.service.ts';
import { startIngestWorker } from '../ingest/ingest.worker.ts';
import { requestAutomation } from './automation-triggers.ts';
import { startAutomationWorker } from './automation.worker.ts';
import { conversationWithMention, createAutomationFixture } from './automation.testing.ts';
import { eventually } from '../../../test/eventually.ts';

const log = pino({ level: 'silent' });

describe('automation jobs: requested by people and ingest, never by rules', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  let n = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    services = await startTestServices(db);
    await startAutomationWorker(db.prisma, services.queue, services.bus, log);
    await startIngestWorker(db.prisma, services.queue, { enrich, bus: services.bus }, log);
  });
  afterAll(async () => {
    await services.stop();
    await db.dispose();
  });

  const tenant = async () => {
    const t = await createTenant(db.prisma, `Automation jobs ${++n}`);
    const fx = await createAutomationFixture(db.prisma, t);
    await db.prisma.automationRule.deleteMany({ where: { organizationId: t.organizationId } });
    return { t, fx };
  };
  async function rule(
    t: TenantFixture,
    position: number,
    trigger: AutomationTrigger,
    conditions: AutomationCondition[],
    actions: AutomationAction[],
  ) {
    const row = await db.prisma.automationRule.create({
      data: {
        organizationId: t.organizationId,
        brandId: t.brandIds[0]!,
        name: `R${position}`,
        trigger,
        conditions,
        actions,
        position,
      },
      select: { id: true },
    });
    return row.id;
  }
  /** The organization's automation jobs: all of them, and those not finished yet. */
  async function jobs(organizationId: string) {
    const rows = await db.prisma.$queryRaw<{ state: string }[]>`
      SELECT state::text AS state FROM pgboss.job
      WHERE name = 'automation.run' AND data->>'organizationId' = ${organizationId}`;
    return { total: rows.length, pending: rows.filter((r) => r.state !== 'completed').length };
  }
  const runsOf = (conversationId: string) =>
    db.prisma.conversationEvent.findMany({
      where: { conversationId, type: 'automation_ran' },
      orderBy: { id: 'asc' },
      select: { data: true },
    });
  const settled = async (organizationId: string) => {
    await eventually(async () => (await jobs(organizationId)).pending === 0);
    // Long enough for a job a rule might (wrongly) have requested to be picked up and run.
    await new Promise((r) => setTimeout(r, 1500));
    return jobs(organizationId);
  };

  it('a rule on conversation_updated that changes the conversation runs once, not forever', async () => {
    const { t, fx } = await tenant();
    await rule(t, 0, 'conversation_updated', [], [{ type: 'set_priority', priority: 'urgent' }]);
    const c = await conversationWithMention(db.prisma, t, { status: 'open' });
    const agent = await callerFor(db.prisma, t.users.agent.userId);
    await agent.conversations.changeTags({
      organizationId: t.organizationId,
      conversationId: c.conversationId,
      expectedVersion: 0,
      add: [fx.tagId],
      remove: [],
    });
    await eventually(async () => (await runsOf(c.conversationId)).length === 1);
    expect(await settled(t.organizationId)).toEqual({ total: 1, pending: 0 });
    expect(await runsOf(c.conversationId)).toHaveLength(1);
    const after = await db.prisma.conversation.findUniqueOrThrow({ where: { id: c.conversationId } });
    expect(after).toMatchObject({ priority: 'urgent', version: 2 });
  });

  it('two rules that would ping-pong run once each and stop', async () => {
    const { t } = await tenant();
    const [a, b] = [
      await rule(
        t,
        0,
        'conversation_updated',
        [{ type: 'priority', priorities: ['high'] }],
        [{ type: 'set_priority', priority: 'low' }],
      ),
      await rule(
        t,
        1,
        'conversation_updated',
        [{ type: 'priority', priorities: ['low'] }],
        [{ type: 'set_priority', priority: 'high' }],
      ),
    ];
    const c = await conversationWithMention(db.prisma, t, { status: 'open' });
    const manager = await callerFor(db.prisma, t.users.manager.userId);
    await manager.conversations.setPriority({
      organizationId: t.organizationId,
      conversationId: c.conversationId,
      expectedVersion: 0,
      priority: 'high',
    });
    await eventually(async () => (await runsOf(c.conversationId)).length === 2);
    expect(await settled(t.organizationId)).toEqual({ total: 1, pending: 0 });
    expect((await runsOf(c.conversationId)).map((r) => (r.data as { ruleId: string }).ruleId)).toEqual([a, b]);
    // high → low → high within one run: the state ends where it was, so no version step for the run.
    expect(await db.prisma.conversation.findUniqueOrThrow({ where: { id: c.conversationId } })).toMatchObject({
      priority: 'high',
      version: 1,
    });
  });

  it('asks for a job only for brands with an enabled rule of the trigger', async () => {
    const { t } = await tenant();
    const disabled = await rule(t, 0, 'mention_received', [], [{ type: 'mark_spam' }]);
    await db.prisma.automationRule.update({ where: { id: disabled }, data: { enabled: false } });
    await rule(t, 1, 'conversation_created', [], [{ type: 'mark_spam' }]);
    const sent: object[] = [];
    const queue = {
      ...services.queue,
      enqueue: (_name: Parameters<typeof services.queue.enqueue>[0], data: object) => {
        sent.push(data);
        return Promise.resolve(true);
      },
    };
    const target = { organizationId: t.organizationId, conversationId: t.brandIds[0]!, brandId: t.brandIds[0]! };
    await requestAutomation({ db: db.prisma, queue }, 'mention_received', [target]);
    await requestAutomation({ db: db.prisma, queue }, 'conversation_created', [{ ...target, brandId: t.brandIds[1]! }]);
    expect(sent).toEqual([]);
    await requestAutomation({ db: db.prisma, queue }, 'conversation_created', [
      target,
      { ...target, brandId: t.brandIds[1]! },
    ]);
    expect(sent).toEqual([
      {
        organizationId: t.organizationId,
        trigger: 'conversation_created',
        targets: [{ brandId: t.brandIds[0], conversationId: t.brandIds[0] }],
      },
    ]);
  });

  it('an ingest batch runs conversation_created, then mention_received for each inbound post', async () => {
    const { t, fx } = await tenant();
    const created = await rule(t, 0, 'conversation_created', [], [{ type: 'add_tag', tagId: fx.tagId }]);
    const received = await rule(
      t,
      1,
      'mention_received',
      [
        { type: 'keywords', keywords: ['refund'] },
        { type: 'tags', match: 'any', tagIds: [fx.tagId] },
      ],
      [
        { type: 'set_priority', priority: 'urgent' },
        { type: 'add_note', text: 'Refund: see the policy' },
      ],
    );
    const post = (id: string, text: string, inReplyTo: string | null = null) => ({
      id,
      text,
      created_at: new Date().toISOString(),
      in_reply_to_id: inReplyTo,
      author: { id: 'ingest-author-1', username: 'camille', followers: 310 },
    });
    const deliver = (mentions: object[]) =>
      acceptInbound(db, services.queue, {
        organizationId: t.organizationId,
        channelId: t.webhookChannelId,
        source: 'generic_webhook',
        payload: { mentions },
      });
    await deliver([post('auto-1', 'I need a refund for PA123')]);
    const conversationOf = async (externalId: string) =>
      (await db.prisma.mention.findFirst({ where: { organizationId: t.organizationId, externalId } }))?.conversationId;
    await eventually(async () => Boolean(await conversationOf('auto-1')));
    const conversationId = (await conversationOf('auto-1'))!;
    await eventually(async () => (await runsOf(conversationId)).length === 2);
    expect((await runsOf(conversationId)).map((r) => (r.data as { ruleId: string }).ruleId)).toEqual([
      created,
      received,
    ]);
    const state = await db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(state).toMatchObject({ priority: 'urgent', tagIds: [fx.tagId] });
    expect(await db.prisma.note.count({ where: { conversationId, automationRuleId: received } })).toBe(1);

    // A follow-up in the same conversation is a received mention, not a new conversation.
    await deliver([post('auto-2', 'Still waiting for my refund', 'auto-1')]);
    await eventually(async () => (await conversationOf('auto-2')) === conversationId);
    await eventually(async () => (await runsOf(conversationId)).length === 3);
    await settled(t.organizationId);
    const counts = await db.prisma.automationRule.findMany({
      where: { id: { in: [created, received] } },
      orderBy: { position: 'asc' },
      select: { runCount: true },
    });
    expect(counts.map((r) => r.runCount)).toEqual([1, 2]);
  });

  it('a history import does not run rules', async () => {
    const { t, fx } = await tenant();
    await rule(t, 0, 'conversation_created', [], [{ type: 'add_tag', tagId: fx.tagId }]);
    await rule(t, 1, 'mention_received', [], [{ type: 'set_priority', priority: 'urgent' }]);
    const line = JSON.stringify({
      id: 'history-1',
      text: 'An old complaint about a refund',
      created_at: '2025-01-10T09:00:00Z',
      author: { id: 'history-author', username: 'old_timer' },
    });
    const report = await importFile(db.prisma, services.queue, {
      channelId: t.webhookChannelId,
      source: Readable.from([`${line}\n`]),
      format: 'ndjson',
    });
    expect(report.stored).toBe(1);
    expect(await settled(t.organizationId)).toEqual({ total: 0, pending: 0 });
    expect(
      await db.prisma.conversationEvent.count({ where: { organizationId: t.organizationId, type: 'automation_ran' } }),
    ).toBe(0);
  });
});
