import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant, startTestServices } from '../../../test/harness.ts';
import { assignWaiting } from './assign-waiting.ts';
import { requestRoutingAfterIngest } from './routing-triggers.ts';
import { startRoutingWorker } from './routing.worker.ts';
import { assigneesOf, conversationsOf, routedBrand } from './routing.testing.ts';
import { eventually } from '../../../test/eventually.ts';

describe('routing: runs requested by changes, through the routing.assign job', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  let n = 0;
  const tenant = () => createTenant(db.prisma, `Routing jobs ${++n}`);

  beforeAll(async () => {
    db = await createTestDatabase();
    services = await startTestServices(db);
    await startRoutingWorker(db.prisma, services.queue, services.bus, pino({ level: 'silent' }));
  });
  afterAll(async () => {
    await services.stop();
    await db.dispose();
  });

  const allAssignedTo = (ids: string[], userId: string) => async () =>
    (await assigneesOf(db.prisma, ids)).every((r) => r.assigneeUserId === userId);

  it('an agent coming online (agents.setAvailability) is given the backlog', async () => {
    const t = await tenant();
    const { brandId } = await routedBrand(db.prisma, t, 'round_robin', { agent: { availability: 'offline' } });
    const ids = await conversationsOf(db.prisma, t, brandId, [{}, {}, {}]);
    const agent = await callerFor(db.prisma, t.users.agent.userId);
    await agent.agents.setAvailability({ organizationId: t.organizationId, availability: 'online' });
    await eventually(allAssignedTo(ids, t.users.agent.userId));
  });

  it('resolving a conversation frees capacity: the next waiting one is assigned', async () => {
    const t = await tenant();
    const { brandId } = await routedBrand(db.prisma, t, 'round_robin', { agent: { capacity: 1 } });
    const [first, second] = await conversationsOf(db.prisma, t, brandId, [{ priority: 'urgent' }, {}]);
    expect(await assignWaiting({ db: db.prisma }, t.organizationId, brandId)).toBe(1);
    const [held] = await assigneesOf(db.prisma, [first!]);
    expect(held!.assigneeUserId).toBe(t.users.agent.userId);
    const agent = await callerFor(db.prisma, t.users.agent.userId);
    await agent.conversations.changeStatus({
      organizationId: t.organizationId,
      conversationId: first!,
      expectedVersion: held!.version,
      status: 'resolved',
    });
    await eventually(allAssignedTo([second!], t.users.agent.userId));
  });

  it('a bulk resolve frees capacity too', async () => {
    const t = await tenant();
    const { brandId } = await routedBrand(db.prisma, t, 'round_robin', { agent: { capacity: 1 } });
    const [held] = await conversationsOf(db.prisma, t, brandId, [
      { assigneeUserId: t.users.agent.userId, status: 'open' },
    ]);
    const [waiting] = await conversationsOf(db.prisma, t, brandId, [{}]);
    const manager = await callerFor(db.prisma, t.users.manager.userId);
    const [row] = await assigneesOf(db.prisma, [held!]);
    await manager.conversations.bulk({
      organizationId: t.organizationId,
      items: [{ conversationId: held!, expectedVersion: row!.version }],
      action: { kind: 'status', status: 'resolved' },
    });
    await eventually(allAssignedTo([waiting!], t.users.agent.userId));
  });

  it('switching a brand to an automatic mode routes its backlog', async () => {
    const t = await tenant();
    const { brandId } = await routedBrand(db.prisma, t, 'manual', { agent: {} });
    const ids = await conversationsOf(db.prisma, t, brandId, [{}, {}]);
    const manager = await callerFor(db.prisma, t.users.manager.userId);
    await manager.routing.setMode({ organizationId: t.organizationId, brandId, mode: 'least_loaded' });
    await eventually(allAssignedTo(ids, t.users.agent.userId));
  });

  it('an ingest batch requests a run for the brands it touched, in automatic mode only', async () => {
    const t = await tenant();
    const { brandId } = await routedBrand(db.prisma, t, 'round_robin', { agent: {} });
    const [routed] = await conversationsOf(db.prisma, t, brandId, [{}]);
    const [manual] = await conversationsOf(db.prisma, t, t.brandIds[1]!, [{}]);
    const at = new Date().toISOString();
    const enqueued: string[] = [];
    const queue = {
      ...services.queue,
      enqueue: (name: Parameters<typeof services.queue.enqueue>[0], data: object, options?: object) => {
        enqueued.push((data as { brandId: string }).brandId);
        return services.queue.enqueue(name, data, options);
      },
    };
    await requestRoutingAfterIngest({ db: db.prisma, queue }, [
      { organizationId: t.organizationId, brandId, type: 'conversation.created', conversationId: routed!, at },
      { organizationId: t.organizationId, brandId: t.brandIds[1]!, type: 'conversation.created', at },
      { organizationId: t.organizationId, brandId, type: 'mention.received', at },
    ]);
    expect(enqueued).toEqual([brandId]);
    await eventually(allAssignedTo([routed!], t.users.agent.userId));
    expect((await assigneesOf(db.prisma, [manual!]))[0]!.assigneeUserId).toBeNull();
  });
});
