import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { eventLog, minutes, time } from './episodes.fixtures.ts';
import type { MetricEvent } from './metric-events.ts';
import { deleteDirtyMarks, readDirtyMarksOf } from './metrics.repository.ts';
import {
  metricsFreshAt,
  rebuildMetrics,
  rebuildRollups,
  recomputeConversations,
  refreshDirtyMetrics,
} from './metrics.service.ts';
import {
  appendLog,
  inboundAt,
  drain,
  factsOf,
  metricsTenant,
  newAgent,
  rollupSnapshot,
  storeConversation,
  type MetricsTenant,
} from './metrics.testing.ts';

const PARIS_2_MARCH = new Date('2026-03-01T23:00:00Z'); // local midnight of Monday 2 March 2026 in Paris
const PARIS_MARCH = new Date('2026-02-28T23:00:00Z');

describe('metrics: facts and rollups from the event log (hand-computed fixtures)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: MetricsTenant;
  const A = newAgent();
  const B = newAgent();
  const C = newAgent();
  const tag1 = randomUUID();
  const tag2 = randomUUID();
  const ids: Record<string, string> = {};
  const refresh = () => refreshDirtyMetrics(db.prisma);

  const rollup = (where: {
    brandId?: string;
    grain: string;
    kind: string;
    bucket: Date;
    dim?: string;
    dimValue?: string;
  }) =>
    db.prisma.metricRollup.findUnique({
      where: {
        organizationId_brandId_grain_kind_dim_dimValue_bucket: {
          organizationId: t.organizationId,
          brandId: where.brandId ?? t.paris,
          grain: where.grain,
          kind: where.kind,
          dim: where.dim ?? '',
          dimValue: where.dimValue ?? '',
          bucket: where.bucket,
        },
      },
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await metricsTenant(db.prisma, 'Metrics fixtures');

    // Reopen after resolve: two episodes.
    let log = eventLog();
    log.created('09:00');
    log.queued('09:10', 'r1', A);
    log.status('09:10', 'new', 'open', A);
    log.sent('09:11', 'r1', A);
    log.status('09:30', 'open', 'resolved', A);
    log.reopened('11:00');
    log.received('11:00');
    log.queued('11:20', 'r2', B);
    log.sent('11:21', 'r2', B);
    log.status('12:00', 'open', 'resolved', B);
    ids.reopen = await storeConversation(
      db.prisma,
      t,
      { brandId: t.paris, assigneeUserId: B, tagIds: [tag2] },
      log.events,
    );

    // Inbound messages while waiting.
    log = eventLog();
    log.created('09:00');
    log.received('09:05');
    log.received('09:20');
    log.queued('09:25', 'r1', A);
    log.sent('09:26', 'r1', A);
    log.received('09:30');
    log.queued('09:40', 'r2', A);
    log.sent('09:45', 'r2', A);
    log.received('09:50');
    log.queued('09:55', 'r3', A);
    log.received('09:56');
    log.sent('09:57', 'r3', A);
    log.queued('10:00', 'r4', A);
    log.sent('10:02', 'r4', A);
    ids.waiting = await storeConversation(db.prisma, t, { brandId: t.paris, assigneeUserId: A }, log.events);

    // A failed then retried reply.
    log = eventLog();
    log.created('09:00');
    log.queued('09:05', 'r1', A);
    log.failed('09:05:02', 'r1', A);
    log.retried('09:07', 'r1', A);
    log.sent('09:07:30', 'r1', A);
    ids.retried = await storeConversation(db.prisma, t, { brandId: t.paris, assigneeUserId: A }, log.events);

    // A note, a tag and an assignment are never responses.
    log = eventLog();
    log.created('09:00');
    log.other('09:03', 'note_added', A, { noteId: 'n1' });
    log.other('09:04', 'tags_changed', A, { added: [tag1], removed: [] });
    log.other('09:05', 'assigned', A, { to: A });
    log.queued('09:11', 'r1', A);
    log.sent('09:12', 'r1', A);
    ids.note = await storeConversation(
      db.prisma,
      t,
      { brandId: t.paris, assigneeUserId: A, tagIds: [tag1] },
      log.events,
    );

    // Pending pauses the requester's wait.
    log = eventLog();
    log.created('09:00');
    log.queued('09:10', 'r1', A);
    log.status('09:10', 'new', 'pending', A);
    log.sent('09:11', 'r1', A);
    log.status('10:00', 'pending', 'open', null);
    log.received('10:00');
    log.status('10:30', 'open', 'resolved', A);
    ids.pending = await storeConversation(db.prisma, t, { brandId: t.paris, assigneeUserId: A }, log.events);

    // Snooze and wake.
    log = eventLog();
    log.created('09:00');
    log.status('09:05', 'new', 'open', A);
    log.other('09:10', 'snoozed', A, { from: 'open', until: time('10:10') });
    log.woke('10:10');
    log.queued('10:15', 'r1', A);
    log.sent('10:20', 'r1', A);
    log.status('10:30', 'open', 'resolved', A);
    ids.snooze = await storeConversation(db.prisma, t, { brandId: t.paris, assigneeUserId: A }, log.events);

    // Reassignment: the first response is B's, whoever holds the conversation now (C).
    log = eventLog();
    log.created('09:00');
    log.other('09:01', 'assigned', A, { to: A });
    log.queued('09:20', 'r1', A);
    log.other('09:30', 'assigned', B, { to: B });
    log.queued('09:40', 'r2', B);
    log.sent('09:41', 'r2', B);
    log.sent('09:45', 'r1', A);
    log.other('09:50', 'assigned', C, { to: C });
    ids.reassigned = await storeConversation(db.prisma, t, { brandId: t.paris, assigneeUserId: C }, log.events);

    await drain(refresh);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it('stores each conversation’s facts as the definitions compute them', async () => {
    const frt = async (id: string) =>
      (await factsOf(db.prisma, t.organizationId, id))
        .filter((f) => f.kind === 'first_response')
        .map((f) => [f.episode, f.ms, f.agentUserId]);
    expect(await frt(ids.reopen!)).toEqual([
      [0, minutes(11), A],
      [1, minutes(21), B],
    ]);
    expect(await frt(ids.waiting!)).toEqual([[0, minutes(26), A]]);
    expect(await frt(ids.retried!)).toEqual([[0, minutes(7.5), A]]);
    expect(await frt(ids.note!)).toEqual([[0, minutes(12), A]]);
    expect(await frt(ids.snooze!)).toEqual([[0, minutes(80), A]]);
    expect(await frt(ids.reassigned!)).toEqual([[0, minutes(41), B]]);

    const waiting = await factsOf(db.prisma, t.organizationId, ids.waiting!);
    expect(waiting.filter((f) => f.kind === 'reply').map((f) => f.ms)).toEqual([26, 15, 7, 6].map(minutes));
    expect(waiting.filter((f) => f.kind === 'inbound')).toHaveLength(6);
    expect(waiting.some((f) => f.kind === 'resolution' || f.kind === 'requester_wait')).toBe(false);

    const pending = await factsOf(db.prisma, t.organizationId, ids.pending!);
    expect(pending.filter((f) => f.ms !== null).map((f) => [f.kind, f.ms])).toEqual([
      ['first_response', minutes(11)],
      ['full_resolution', minutes(90)],
      ['reply', minutes(11)],
      ['requester_wait', minutes(40)],
      ['resolution', minutes(90)],
    ]);
    const snooze = await factsOf(db.prisma, t.organizationId, ids.snooze!);
    expect(snooze.find((f) => f.kind === 'requester_wait')).toMatchObject({
      ms: minutes(30),
      at: time('10:30'),
      agentUserId: A,
    });

    const reassigned = await factsOf(db.prisma, t.organizationId, ids.reassigned!);
    expect(reassigned.filter((f) => f.kind === 'reply').map((f) => [f.ms, f.agentUserId])).toEqual([[minutes(41), B]]);
    expect(reassigned.filter((f) => f.kind === 'outbound').map((f) => [f.at, f.agentUserId])).toEqual([
      [time('09:41'), B],
      [time('09:45'), A],
    ]);
    expect(reassigned.find((f) => f.kind === 'episode_start')!.agentUserId).toBe(C);

    const summary = await db.prisma.conversationMetric.findUniqueOrThrow({ where: { conversationId: ids.reopen! } });
    expect(summary).toMatchObject({
      organizationId: t.organizationId,
      brandId: t.paris,
      episodes: 2,
      firstResponseMs: minutes(11),
      firstResponseAgentUserId: A,
      resolutionMs: minutes(60),
      fullResolutionMs: minutes(180),
      requesterWaitMs: minutes(90),
      replyCount: 2,
    });
  });

  it('rolls first responses up by UTC hour, by the brand’s local day and month, per replying agent', async () => {
    const day = { grain: 'day', kind: 'first_response', bucket: PARIS_2_MARCH };
    // 11 + 21 (reopen) + 26 + 7.5 + 12 + 11 (pending) + 80 (snooze) + 41 (reassigned)
    expect(await rollup(day)).toMatchObject({ count: 8, sumMs: minutes(209.5), sumBusinessMs: minutes(209.5) });
    expect(await rollup({ ...day, dim: 'agent', dimValue: A })).toMatchObject({ count: 6, sumMs: minutes(147.5) });
    expect(await rollup({ ...day, dim: 'agent', dimValue: B })).toMatchObject({ count: 2, sumMs: minutes(62) });
    expect(await rollup({ ...day, dim: 'agent', dimValue: C })).toBeNull();
    expect(await rollup({ ...day, dim: 'tag', dimValue: tag1 })).toMatchObject({ count: 1, sumMs: minutes(12) });
    expect(await rollup({ ...day, dim: 'tag', dimValue: '' })).toMatchObject({ count: 5 });
    expect(await rollup({ ...day, dim: 'priority', dimValue: 'normal' })).toMatchObject({ count: 8 });
    expect(await rollup({ ...day, dim: 'channel', dimValue: t.channelId })).toMatchObject({ count: 8 });

    const hour = (hh: string) => rollup({ grain: 'hour', kind: 'first_response', bucket: time(hh) });
    expect(await hour('09:00')).toMatchObject({ count: 6, sumMs: minutes(108.5) });
    expect(await hour('10:00')).toMatchObject({ count: 1, sumMs: minutes(80) });
    expect(await hour('11:00')).toMatchObject({ count: 1, sumMs: minutes(21) });
    expect(
      await rollup({ grain: 'hour', kind: 'first_response', bucket: time('09:00'), dim: 'agent', dimValue: A }),
    ).toBeNull();

    const month = await rollup({ grain: 'month', kind: 'first_response', bucket: PARIS_MARCH });
    expect(month).toMatchObject({ count: 8, sumMs: minutes(209.5) });
    expect(month!.hist.reduce((a, b) => a + b, 0)).toBe(8);

    // Resolutions and waits: reopen (30, 60), pending (90), snooze (90); waits 30, 60, 40, 30.
    expect(await rollup({ grain: 'day', kind: 'resolution', bucket: PARIS_2_MARCH })).toMatchObject({
      count: 4,
      sumMs: minutes(270),
    });
    expect(await rollup({ grain: 'day', kind: 'requester_wait', bucket: PARIS_2_MARCH })).toMatchObject({
      count: 4,
      sumMs: minutes(160),
    });
    // Resolutions are the assignee's: B holds the reopened conversation.
    expect(
      await rollup({ grain: 'day', kind: 'resolution', bucket: PARIS_2_MARCH, dim: 'agent', dimValue: B }),
    ).toMatchObject({ count: 2, sumMs: minutes(90) });
    expect(await rollup({ grain: 'day', kind: 'episode_start', bucket: PARIS_2_MARCH })).toMatchObject({ count: 8 });
    // inbound: reopen 2, waiting 6, retried 1, note 1, pending 2, snooze 1, reassigned 1
    expect(await rollup({ grain: 'day', kind: 'inbound', bucket: PARIS_2_MARCH })).toMatchObject({ count: 14 });
    // outbound: reopen 2, waiting 4, retried 1, note 1, pending 1, snooze 1, reassigned 2
    expect(await rollup({ grain: 'day', kind: 'outbound', bucket: PARIS_2_MARCH })).toMatchObject({ count: 12 });
  });

  it('buckets days and months at local midnight across the DST changes of Paris and New York', async () => {
    const frtAt = (brandId: string, received: string, sent: string) => {
      const r = randomUUID();
      const ev = (id: number, type: string, at: string, actor: string | null, data = {}): MetricEvent => ({
        id,
        type,
        actorUserId: actor,
        data,
        occurredAt: new Date(at),
      });
      return storeConversation(db.prisma, t, { brandId }, [
        ev(1, 'conversation_created', received, null),
        ev(2, 'received', received, null, { kind: 'mention' }),
        ev(3, 'reply_queued', received, A, { replyId: r }),
        ev(4, 'reply_sent', sent, A, { replyId: r }),
      ]);
    };
    // Paris, Sunday 29 March 2026 (23 h long): 23:30 local on the 29th, then 00:30 on the 30th, 00:30 on 1 April.
    await frtAt(t.paris, '2026-03-29T21:20:00Z', '2026-03-29T21:30:00Z');
    await frtAt(t.paris, '2026-03-29T22:20:00Z', '2026-03-29T22:30:00Z');
    await frtAt(t.paris, '2026-03-31T22:20:00Z', '2026-03-31T22:30:00Z');
    // New York, Sunday 1 November 2026 (25 h long): 00:30 EDT, 23:30 EST the same day, 00:30 EST on the 2nd.
    await frtAt(t.newYork, '2026-11-01T04:20:00Z', '2026-11-01T04:30:00Z');
    await frtAt(t.newYork, '2026-11-02T04:20:00Z', '2026-11-02T04:30:00Z');
    await frtAt(t.newYork, '2026-11-02T05:20:00Z', '2026-11-02T05:30:00Z');
    // …and Sunday 8 March 2026 (23 h long): 23:30 EDT is 03:30 UTC on the 9th.
    await frtAt(t.newYork, '2026-03-09T03:20:00Z', '2026-03-09T03:30:00Z');
    await drain(refresh);

    const count = async (brandId: string, grain: string, bucket: string) =>
      (await rollup({ brandId, grain, kind: 'first_response', bucket: new Date(bucket) }))?.count ?? 0;
    expect(await count(t.paris, 'day', '2026-03-28T23:00:00Z')).toBe(1);
    expect(await count(t.paris, 'day', '2026-03-29T22:00:00Z')).toBe(1);
    expect(await count(t.paris, 'day', '2026-03-31T22:00:00Z')).toBe(1);
    expect(await count(t.paris, 'month', '2026-02-28T23:00:00Z')).toBe(8 + 2);
    expect(await count(t.paris, 'month', '2026-03-31T22:00:00Z')).toBe(1);
    expect(await count(t.newYork, 'day', '2026-11-01T04:00:00Z')).toBe(2);
    expect(await count(t.newYork, 'day', '2026-11-02T05:00:00Z')).toBe(1);
    expect(await count(t.newYork, 'day', '2026-03-08T05:00:00Z')).toBe(1);
    expect(await count(t.newYork, 'month', '2026-11-01T04:00:00Z')).toBe(3);
    expect(await count(t.newYork, 'month', '2026-03-01T05:00:00Z')).toBe(1);
    expect(await count(t.newYork, 'hour', '2026-11-02T04:00:00Z')).toBe(1);
  });

  it('follows later events and dimension changes; rows left empty are deleted; rebuilt rollups equal the incremental ones', async () => {
    // The waiting conversation is resolved at 10:40; the note's conversation moves from tag1 to tag2.
    let log = eventLog();
    log.status('10:40', 'open', 'resolved', A);
    await appendLog(db.prisma, t, t.paris, ids.waiting!, log.events);
    await db.prisma.conversation.update({ where: { id: ids.note! }, data: { tagIds: [tag2] } });
    log = eventLog();
    log.other('10:45', 'tags_changed', A, { added: [tag2], removed: [tag1] });
    await appendLog(db.prisma, t, t.paris, ids.note!, log.events);
    await drain(refresh);

    expect(await rollup({ grain: 'day', kind: 'resolution', bucket: PARIS_2_MARCH })).toMatchObject({
      count: 5,
      sumMs: minutes(270 + 100),
    });
    expect(await db.prisma.metricRollup.count({ where: { organizationId: t.organizationId, dimValue: tag1 } })).toBe(0);
    expect(
      await rollup({ grain: 'day', kind: 'first_response', bucket: PARIS_2_MARCH, dim: 'tag', dimValue: tag2 }),
    ).toMatchObject({ count: 3, sumMs: minutes(11 + 21 + 12) });

    const incremental = await rollupSnapshot(db.prisma, t.organizationId);
    expect(incremental.length).toBeGreaterThan(100);
    // Recomputing again changes nothing (idempotent), and a rebuild from the events gives the same rows.
    await recomputeConversations(db.prisma, Object.values(ids));
    expect(await rollupSnapshot(db.prisma, t.organizationId)).toEqual(incremental);
    await db.prisma.metricRollup.deleteMany({ where: { organizationId: t.organizationId } });
    await db.prisma.metricFact.deleteMany({ where: { organizationId: t.organizationId } });
    const report = await rebuildMetrics(db.prisma, { organizationId: t.organizationId });
    expect(report).toMatchObject({ brands: 2, conversations: 14 });
    expect(await rollupSnapshot(db.prisma, t.organizationId)).toEqual(incremental);
    // Rollups rebuilt from the facts alone, over stale rows, also match.
    await db.prisma.metricRollup.updateMany({ where: { organizationId: t.organizationId }, data: { count: 999 } });
    await rebuildRollups(db.prisma, { organizationId: t.organizationId, brandId: t.paris });
    await rebuildRollups(db.prisma, { organizationId: t.organizationId, brandId: t.newYork });
    expect(await rollupSnapshot(db.prisma, t.organizationId)).toEqual(incremental);
  });

  it('a mark renewed while a batch worked keeps the conversation dirty', async () => {
    const log = eventLog();
    log.received('13:00');
    await appendLog(db.prisma, t, t.paris, ids.retried!, log.events);
    const marks = await readDirtyMarksOf(db.prisma, t.organizationId, [ids.retried!]);
    expect(marks).toHaveLength(1);
    await appendLog(db.prisma, t, t.paris, ids.retried!, eventLog().events.concat(inboundAt('13:05')));
    await db.prisma.$transaction((tx) => deleteDirtyMarks(tx, marks));
    expect(await readDirtyMarksOf(db.prisma, t.organizationId, [ids.retried!])).toHaveLength(1);
    expect(await metricsFreshAt(db.prisma, t.organizationId)).toBeInstanceOf(Date);
    await drain(refresh);
    expect(await readDirtyMarksOf(db.prisma, t.organizationId, [ids.retried!])).toHaveLength(0);
    const inboundFacts = (await factsOf(db.prisma, t.organizationId, ids.retried!)).filter((f) => f.kind === 'inbound');
    expect(inboundFacts.map((f) => f.at)).toEqual([time('09:00'), time('13:00'), time('13:05')]);
  });

  it('metricsFreshAt: the oldest unprocessed mark of the organization, else now', async () => {
    await drain(refresh);
    const before = Date.now();
    const fresh = await metricsFreshAt(db.prisma, t.organizationId);
    expect(Math.abs(fresh.getTime() - before)).toBeLessThan(5_000);
    await appendLog(db.prisma, t, t.paris, ids.pending!, inboundAt('14:00'));
    const mark = await db.prisma.dirtyConversation.findUniqueOrThrow({
      where: { consumer_conversationId: { consumer: 'metrics', conversationId: ids.pending! } },
    });
    expect((await metricsFreshAt(db.prisma, t.organizationId)).getTime()).toBe(mark.markedAt.getTime());
    // Another organization's queue does not make this one stale.
    const other = await metricsTenant(db.prisma, 'Metrics other');
    expect(Math.abs((await metricsFreshAt(db.prisma, other.organizationId)).getTime() - Date.now())).toBeLessThan(
      5_000,
    );
    await drain(refresh);
  });

  it('a rebuild names a brand of the organization only', async () => {
    const other = await metricsTenant(db.prisma, 'Metrics foreign');
    await expect(
      rebuildMetrics(db.prisma, { organizationId: t.organizationId, brandId: other.paris }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      rebuildRollups(db.prisma, { organizationId: t.organizationId, brandId: other.paris }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
