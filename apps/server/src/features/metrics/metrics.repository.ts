import type { Priority } from '@perch/shared';
import type { DbOrTx, Tx } from '../../db/database.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { SLA_CONSUMER } from '../sla/sla-clocks.repository.ts';
import type { MetricEvent } from './metric-events.ts';
import { FACT_KINDS, type ConversationSummary, type Fact } from './facts.ts';
import type { Grain, RollupRow, StoredFact } from './rollups.ts';

/**
 * Reads and writes of the metrics pipeline: the dirty-conversation queue (consumer 'metrics'), the facts, the
 * per-conversation summaries and the rollup rows. Every statement past the queue is scoped by organizationId.
 */

const CONSUMER = 'metrics';

export interface DirtyMark {
  conversationId: string;
  /** As text: a bigint sequence, compared back exactly. */
  seq: string;
}

/**
 * The oldest marks first, read in the order of the `(consumer, markedAt, seq)` index so that a large backlog costs
 * no sort (`d.seq` is the column: the bare name would be the text alias selected here, and would sort 10 before 9).
 * Consumer protocol: docs/metrics.md "Rollups", contracts. With `deferToSlaForMs`, a
 * conversation the SLA worker has yet to sync (its `sla` mark younger than that) is left for later: that sync
 * writes SLA events, which would make it dirty again at once.
 */
export async function readDirtyMarks(
  db: DbOrTx,
  limit: number,
  opts: { deferToSlaForMs?: number } = {},
): Promise<DirtyMark[]> {
  const defer = opts.deferToSlaForMs
    ? Prisma.sql`AND NOT EXISTS (
        SELECT 1 FROM "DirtyConversation" s
        WHERE s.consumer = ${SLA_CONSUMER} AND s."conversationId" = d."conversationId"
          AND s."markedAt" > now() - make_interval(secs => ${opts.deferToSlaForMs / 1000}))`
    : Prisma.empty;
  return db.$queryRaw<DirtyMark[]>`
    SELECT "conversationId"::text AS "conversationId", seq::text AS seq FROM "DirtyConversation" d
    WHERE consumer = ${CONSUMER} ${defer} ORDER BY d."markedAt", d.seq LIMIT ${limit}`;
}

/** The marks of these conversations, whatever their age (a rebuild consumes them as it goes). */
export async function readDirtyMarksOf(db: DbOrTx, organizationId: string, conversationIds: readonly string[]) {
  return db.$queryRaw<DirtyMark[]>`
    SELECT "conversationId"::text AS "conversationId", seq::text AS seq FROM "DirtyConversation"
    WHERE consumer = ${CONSUMER} AND "organizationId" = ${organizationId}::uuid
      AND "conversationId" = ANY(${[...conversationIds]}::uuid[])`;
}

/** Deletes the marks that were read; a newer mark (new events since) has another seq and stays. */
export async function deleteDirtyMarks(tx: Tx, marks: readonly DirtyMark[]) {
  if (marks.length === 0) return;
  await tx.$executeRaw`
    DELETE FROM "DirtyConversation" d
    USING unnest(${marks.map((m) => m.conversationId)}::uuid[], ${marks.map((m) => m.seq)}::bigint[]) AS m(id, seq)
    WHERE d.consumer = ${CONSUMER} AND d."conversationId" = m.id AND d.seq = m.seq`;
}

export async function oldestDirtyMark(db: DbOrTx, organizationId: string) {
  const [row] = await db.$queryRaw<{ oldest: Date | null; now: Date }[]>`
    SELECT min("markedAt") AS oldest, now() AS now FROM "DirtyConversation"
    WHERE consumer = ${CONSUMER} AND "organizationId" = ${organizationId}::uuid`;
  return row!;
}

/**
 * Serialises every rollup write of a brand (worker batches in several processes, rebuilds): a row is recomputed
 * from the facts it reads, so two writers must not each miss the other's uncommitted facts. Sorted: no deadlock.
 */
export async function lockBrands(tx: Tx, brandIds: Iterable<string>) {
  for (const brandId of [...new Set(brandIds)].sort()) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`metrics:${brandId}`}, 0))`;
  }
}

const conversationFields = {
  id: true,
  organizationId: true,
  brandId: true,
  assigneeUserId: true,
  teamId: true,
  channelId: true,
  priority: true,
  sentiment: true,
  language: true,
  tagIds: true,
} as const;

export interface ConversationDims {
  id: string;
  organizationId: string;
  brandId: string;
  assigneeUserId: string | null;
  teamId: string | null;
  channelId: string | null;
  priority: Priority;
  sentiment: string | null;
  language: string | null;
  tagIds: string[];
}

/** Conversations by id across organizations: the queue is global; the rows say whose they are. */
export async function conversationsById(db: DbOrTx, ids: readonly string[]): Promise<ConversationDims[]> {
  return db.conversation.findMany({ where: { id: { in: [...ids] } }, select: conversationFields });
}

/** One page of a brand's conversations in id order (rebuild). */
export async function conversationPage(
  db: DbOrTx,
  organizationId: string,
  brandId: string,
  afterId: string | null,
  take: number,
): Promise<ConversationDims[]> {
  return db.conversation.findMany({
    where: { organizationId, brandId, ...(afterId ? { id: { gt: afterId } } : {}) },
    orderBy: { id: 'asc' },
    take,
    select: conversationFields,
  });
}

export async function brandsOf(db: DbOrTx, organizationId: string, brandIds?: readonly string[]) {
  return db.brand.findMany({
    where: { organizationId, ...(brandIds ? { id: { in: [...brandIds] } } : {}) },
    orderBy: { id: 'asc' },
    select: { id: true, timeZone: true, businessCalendar: true },
  });
}

export async function eventsOf(db: DbOrTx, organizationId: string, conversationIds: readonly string[]) {
  const rows = await db.conversationEvent.findMany({
    where: { organizationId, conversationId: { in: [...conversationIds] } },
    orderBy: [{ conversationId: 'asc' }, { occurredAt: 'asc' }, { id: 'asc' }],
    select: { id: true, conversationId: true, type: true, actorUserId: true, data: true, occurredAt: true },
  });
  const byConversation = new Map<string, MetricEvent[]>();
  for (const { conversationId, ...event } of rows) {
    let list = byConversation.get(conversationId);
    if (!list) byConversation.set(conversationId, (list = []));
    list.push(event);
  }
  return byConversation;
}

/** Where the current facts of these conversations sit (the rollup buckets their replacement must recompute). */
export async function factPlaces(db: DbOrTx, organizationId: string, conversationIds: readonly string[]) {
  return db.metricFact.findMany({
    where: { organizationId, conversationId: { in: [...conversationIds] } },
    select: { brandId: true, kind: true, at: true },
  });
}

export interface ComputedConversation {
  conversation: ConversationDims;
  facts: Fact[];
  summary: ConversationSummary;
}

/** Replaces the facts and summaries of these conversations (all of one organization) with the computed ones. */
export async function replaceFacts(
  tx: Tx,
  organizationId: string,
  computed: readonly ComputedConversation[],
  computedAt: Date,
) {
  const ids = computed.map((c) => c.conversation.id);
  await tx.metricFact.deleteMany({ where: { organizationId, conversationId: { in: ids } } });
  await tx.conversationMetric.deleteMany({ where: { organizationId, conversationId: { in: ids } } });
  const facts = computed.flatMap(({ conversation: c, facts }) => facts.map((f) => ({ c, f })));
  // Set-based inserts (one statement, a column per array): Prisma's createMany costs ~1 ms a row in CPU.
  for (let i = 0; i < facts.length; i += 10_000) {
    const chunk = facts.slice(i, i + 10_000);
    const col = <T>(pick: (x: (typeof chunk)[number]) => T) => chunk.map(pick);
    await tx.$executeRaw`
      INSERT INTO "MetricFact" ("organizationId", "brandId", "conversationId", kind, episode, seq, at, ms, "businessMs",
        hit, "agentUserId", "teamId", "channelId", priority, sentiment, language, "tagIds")
      SELECT ${organizationId}::uuid, u.brand, u.conversation, u.kind, u.episode, u.seq, u.at, u.ms, u.business, u.hit,
        u.agent, u.team, u.channel, u.priority::"Priority", u.sentiment, u.language,
        CASE WHEN u.tags = '' THEN ARRAY[]::uuid[] ELSE string_to_array(u.tags, ',')::uuid[] END
      FROM unnest(${col((x) => x.c.brandId)}::uuid[], ${col((x) => x.c.id)}::uuid[], ${col((x) => x.f.kind)}::varchar[],
        ${col((x) => x.f.episode)}::int[], ${col((x) => x.f.seq)}::int[], ${col((x) => x.f.at.toISOString())}::timestamptz[],
        ${col((x) => x.f.ms)}::float8[], ${col((x) => x.f.businessMs)}::float8[], ${col((x) => x.f.hit)}::boolean[],
        ${col((x) => x.f.agentUserId)}::uuid[], ${col((x) => x.c.teamId)}::uuid[], ${col((x) => x.c.channelId)}::uuid[],
        ${col((x) => x.c.priority)}::text[], ${col((x) => x.c.sentiment)}::varchar[], ${col((x) => x.c.language)}::varchar[],
        ${col((x) => x.c.tagIds.join(','))}::text[])
        AS u(brand, conversation, kind, episode, seq, at, ms, business, hit, agent, team, channel, priority, sentiment,
          language, tags)`;
  }
  if (computed.length) {
    const col = <T>(pick: (x: ComputedConversation) => T) => computed.map(pick);
    const s = <T>(pick: (x: ConversationSummary) => T) => computed.map((x) => pick(x.summary));
    await tx.$executeRaw`
      INSERT INTO "ConversationMetric" ("conversationId", "organizationId", "brandId", episodes, "inboundCount",
        "outboundCount", "firstResponseMs", "firstResponseBusinessMs", "firstResponseAgentUserId", "replyTimeMedianMs",
        "replyTimeMedianBusinessMs", "replyCount", "resolutionMs", "resolutionBusinessMs", "fullResolutionMs",
        "fullResolutionBusinessMs", "requesterWaitMs", "requesterWaitBusinessMs", "slaHits", "slaBreaches", "computedAt")
      SELECT u.id, ${organizationId}::uuid, u.brand, u.episodes, u.inbound, u.outbound, u.frt, u.frtb, u.frta, u.rtm,
        u.rtmb, u.rc, u.res, u.resb, u.fullres, u.fullresb, u.wait, u.waitb, u.hits, u.breaches, ${computedAt.toISOString()}::timestamptz
      FROM unnest(${col((x) => x.conversation.id)}::uuid[], ${col((x) => x.conversation.brandId)}::uuid[],
        ${s((x) => x.episodes)}::int[], ${s((x) => x.inboundCount)}::int[], ${s((x) => x.outboundCount)}::int[],
        ${s((x) => x.firstResponseMs)}::float8[], ${s((x) => x.firstResponseBusinessMs)}::float8[],
        ${s((x) => x.firstResponseAgentUserId)}::uuid[], ${s((x) => x.replyTimeMedianMs)}::float8[],
        ${s((x) => x.replyTimeMedianBusinessMs)}::float8[], ${s((x) => x.replyCount)}::int[],
        ${s((x) => x.resolutionMs)}::float8[], ${s((x) => x.resolutionBusinessMs)}::float8[],
        ${s((x) => x.fullResolutionMs)}::float8[], ${s((x) => x.fullResolutionBusinessMs)}::float8[],
        ${s((x) => x.requesterWaitMs)}::float8[], ${s((x) => x.requesterWaitBusinessMs)}::float8[],
        ${s((x) => x.slaHits)}::int[], ${s((x) => x.slaBreaches)}::int[])
        AS u(id, brand, episodes, inbound, outbound, frt, frtb, frta, rtm, rtmb, rc, res, resb, fullres, fullresb, wait, waitb,
          hits, breaches)`;
  }
}

/**
 * Refreshes the planner's statistics of the fact tables. A rebuild fills them faster than autovacuum samples them:
 * with stale statistics "the facts of these 400 conversations" is planned as a scan of the organization's facts.
 */
export async function analyzeFactTables(db: DbOrTx) {
  await db.$executeRaw`ANALYZE "MetricFact"`;
  await db.$executeRaw`ANALYZE "ConversationMetric"`;
}

export interface TimeRange {
  kind: string;
  from: Date;
  to: Date;
}

const storedFactFields = {
  kind: true,
  at: true,
  ms: true,
  businessMs: true,
  hit: true,
  agentUserId: true,
  teamId: true,
  channelId: true,
  priority: true,
  sentiment: true,
  language: true,
  tagIds: true,
} as const;

/** A brand's facts of each kind within the ranges given, in a stable order. */
export async function factsIn(
  db: DbOrTx,
  organizationId: string,
  brandId: string,
  ranges: readonly TimeRange[],
): Promise<StoredFact[]> {
  const out: StoredFact[] = [];
  // Bounded OR lists: a batch touching many old days asks in chunks.
  for (let i = 0; i < ranges.length; i += 200) {
    const chunk = ranges.slice(i, i + 200);
    const rows = await db.metricFact.findMany({
      where: {
        organizationId,
        brandId,
        OR: chunk.map((r) => ({ kind: r.kind, at: { gte: r.from, lt: r.to } })),
      },
      orderBy: [{ at: 'asc' }, { conversationId: 'asc' }, { kind: 'asc' }, { episode: 'asc' }, { seq: 'asc' }],
      select: storedFactFields,
    });
    out.push(...rows);
  }
  return out;
}

/**
 * Which buckets a brand's facts with `at` in [from, to) sit in, as (kind, 15-minute slot) pairs: every zone offset
 * and transition is a multiple of 15 minutes, so a slot's start is in the same hour, day and month as its facts.
 * Asked per kind, so the (organizationId, brandId, kind, at) index bounds the scan.
 */
export async function factSlots(db: DbOrTx, organizationId: string, brandId: string, from: Date, to: Date) {
  return db.$queryRaw<{ kind: string; at: Date }[]>`
    SELECT DISTINCT kind, to_timestamp(floor(extract(epoch FROM at) / 900) * 900) AS at FROM "MetricFact"
    WHERE "organizationId" = ${organizationId}::uuid AND "brandId" = ${brandId}::uuid
      AND kind = ANY(${[...FACT_KINDS]}::varchar[]) AND at >= ${from} AND at < ${to}`;
}

export async function factSpan(db: DbOrTx, organizationId: string, brandId: string) {
  const { _min, _max } = await db.metricFact.aggregate({
    where: { organizationId, brandId },
    _min: { at: true },
    _max: { at: true },
  });
  return _min.at && _max.at ? { first: _min.at, last: _max.at } : null;
}

/** Replaces every row (all dimensions) of the given kinds and buckets at one grain. */
export async function replaceRollups(
  tx: Tx,
  organizationId: string,
  brandId: string,
  grain: Grain,
  keys: ReadonlyMap<string, readonly Date[]>,
  rows: readonly RollupRow[],
) {
  const or = [...keys]
    .filter(([, buckets]) => buckets.length)
    .map(([kind, buckets]) => ({ kind, bucket: { in: [...buckets] } }));
  if (or.length) await tx.metricRollup.deleteMany({ where: { organizationId, brandId, grain, OR: or } });
  for (let i = 0; i < rows.length; i += 10_000) {
    const chunk = rows.slice(i, i + 10_000);
    const col = <T>(pick: (r: RollupRow) => T) => chunk.map(pick);
    // Histograms travel as array literals ('{0,3,1}'): unnest cannot take ragged two-dimensional arrays.
    await tx.$executeRaw`
      INSERT INTO "MetricRollup" ("organizationId", "brandId", grain, kind, dim, "dimValue", bucket, count, hits, "sumMs",
        "sumBusinessMs", hist, "histBusiness")
      SELECT ${organizationId}::uuid, ${brandId}::uuid, u.grain, u.kind, u.dim, u.value, u.bucket, u.count, u.hits, u.sum,
        u.sumb, u.hist::int[], u.histb::int[]
      FROM unnest(${col((r) => r.grain)}::varchar[], ${col((r) => r.kind)}::varchar[], ${col((r) => r.dim)}::varchar[],
        ${col((r) => r.dimValue)}::varchar[], ${col((r) => r.bucket.toISOString())}::timestamptz[],
        ${col((r) => r.count)}::int[], ${col((r) => r.hits)}::int[], ${col((r) => r.sumMs)}::float8[],
        ${col((r) => r.sumBusinessMs)}::float8[], ${col((r) => `{${r.hist.join(',')}}`)}::text[],
        ${col((r) => `{${r.histBusiness.join(',')}}`)}::text[])
        AS u(grain, kind, dim, value, bucket, count, hits, sum, sumb, hist, histb)`;
  }
}

/** Deletes a brand's rollup rows with a bucket in [from, to) (null: unbounded), every grain. */
export async function deleteRollupsBetween(
  tx: Tx,
  organizationId: string,
  brandId: string,
  from: Date | null,
  to: Date | null,
) {
  await tx.metricRollup.deleteMany({
    where: { organizationId, brandId, bucket: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } },
  });
}

/** Day rows of a brand for the given kinds and month ranges (all dimensions). */
export async function dayRowsIn(
  db: DbOrTx,
  organizationId: string,
  brandId: string,
  ranges: readonly TimeRange[],
): Promise<RollupRow[]> {
  if (ranges.length === 0) return [];
  const rows = await db.metricRollup.findMany({
    where: {
      organizationId,
      brandId,
      grain: 'day',
      OR: ranges.map((r) => ({ kind: r.kind, bucket: { gte: r.from, lt: r.to } })),
    },
    orderBy: [{ kind: 'asc' }, { bucket: 'asc' }, { dim: 'asc' }, { dimValue: 'asc' }],
    select: {
      grain: true,
      kind: true,
      dim: true,
      dimValue: true,
      bucket: true,
      count: true,
      hits: true,
      sumMs: true,
      sumBusinessMs: true,
      hist: true,
      histBusiness: true,
    },
  });
  return rows.map((r) => ({ ...r, grain: 'day' as const }));
}
