import { businessCalendarSchema, type BusinessCalendar } from '@perch/shared';
import type { Db, Tx } from '../../db/database.ts';
import { DomainError } from '../../lib/errors.ts';
import { computeFacts } from './facts.ts';
import {
  analyzeFactTables,
  brandsOf,
  conversationPage,
  conversationsById,
  dayRowsIn,
  deleteDirtyMarks,
  deleteRollupsBetween,
  eventsOf,
  factSlots,
  factPlaces,
  factSpan,
  factsIn,
  lockBrands,
  oldestDirtyMark,
  readDirtyMarks,
  readDirtyMarksOf,
  replaceFacts,
  replaceRollups,
  type ComputedConversation,
  type ConversationDims,
  type TimeRange,
} from './metrics.repository.ts';
import { aggregateFacts, Bucketer, hourBucket, monthRowsFromDays } from './rollups.ts';

/**
 * The metrics pipeline (docs/metrics.md, "Rollups"): conversation events → facts (MetricFact, ConversationMetric) →
 * rollups (MetricRollup). Every rollup row is recomputed from the facts it covers, never incremented, so a batch
 * is idempotent and the rollups the worker keeps equal the rollups a rebuild writes.
 */

/** Conversations per transaction: bounded work and locks per batch. */
export const METRICS_BATCH = 200;
const TX = { timeout: 300_000, maxWait: 120_000 } as const;
const HOUR = 3_600_000;

interface BrandInfo {
  id: string;
  bucketer: Bucketer;
  calendar: BusinessCalendar | null;
}

async function brandInfos(db: Db | Tx, organizationId: string, brandIds?: readonly string[]) {
  const brands = await brandsOf(db, organizationId, brandIds);
  return new Map<string, BrandInfo>(
    brands.map((b) => {
      // A calendar the schema refuses (never written by the settings) counts as none rather than failing metrics.
      const parsed = b.businessCalendar ? businessCalendarSchema.safeParse(b.businessCalendar) : null;
      return [b.id, { id: b.id, bucketer: new Bucketer(b.timeZone), calendar: parsed?.success ? parsed.data : null }];
    }),
  );
}

interface Place {
  kind: string;
  at: Date;
}

/** Per kind, the hour, day and month buckets the given facts sit in. */
function bucketsOf(places: Iterable<Place>, bucketer: Bucketer) {
  const keys = {
    hour: new Map<string, Set<number>>(),
    day: new Map<string, Set<number>>(),
    month: new Map<string, Set<number>>(),
  };
  const add = (grain: keyof typeof keys, kind: string, bucket: number) => {
    let set = keys[grain].get(kind);
    if (!set) keys[grain].set(kind, (set = new Set()));
    set.add(bucket);
  };
  for (const { kind, at } of places) {
    add('hour', kind, hourBucket(at));
    add('day', kind, bucketer.day(at));
    add('month', kind, bucketer.month(at));
  }
  return keys;
}

/** Sorted, merged [from, to) ranges per kind. */
function mergedRanges(intervals: Map<string, [number, number][]>): TimeRange[] {
  const out: TimeRange[] = [];
  for (const [kind, list] of intervals) {
    list.sort((a, b) => a[0] - b[0]);
    let current: [number, number] | null = null;
    for (const [from, to] of list) {
      if (current && from <= current[1]) current[1] = Math.max(current[1], to);
      else {
        if (current) out.push({ kind, from: new Date(current[0]), to: new Date(current[1]) });
        current = [from, to];
      }
    }
    if (current) out.push({ kind, from: new Date(current[0]), to: new Date(current[1]) });
  }
  return out;
}

const asDates = (keys: Map<string, Set<number>>) =>
  new Map([...keys].map(([kind, set]) => [kind, [...set].sort((a, b) => a - b).map((t) => new Date(t))]));

/**
 * Recomputes every rollup row (hour, day with all dimensions, month) of the buckets the given facts sit in, from
 * the brand's facts as they now are. The caller holds the brand's lock.
 */
async function recomputeRollupBuckets(tx: Tx, organizationId: string, brand: BrandInfo, places: Iterable<Place>) {
  const { bucketer } = brand;
  const keys = bucketsOf(places, bucketer);
  const intervals = new Map<string, [number, number][]>();
  const addInterval = (kind: string, from: number, to: number) => {
    let list = intervals.get(kind);
    if (!list) intervals.set(kind, (list = []));
    list.push([from, to]);
  };
  for (const [kind, hours] of keys.hour) for (const h of hours) addInterval(kind, h, h + HOUR);
  for (const [kind, days] of keys.day) for (const d of days) addInterval(kind, d, bucketer.next('day', d));
  const facts = await factsIn(tx, organizationId, brand.id, mergedRanges(intervals));

  const hourRows = aggregateFacts(facts, 'hour', bucketer, (kind, b) => keys.hour.get(kind)?.has(b) ?? false);
  const dayRows = aggregateFacts(facts, 'day', bucketer, (kind, b) => keys.day.get(kind)?.has(b) ?? false);
  await replaceRollups(tx, organizationId, brand.id, 'hour', asDates(keys.hour), hourRows);
  await replaceRollups(tx, organizationId, brand.id, 'day', asDates(keys.day), dayRows);

  // Months from the month's day rows, now that those are current.
  const monthRanges: TimeRange[] = [];
  for (const [kind, months] of keys.month) {
    for (const m of months) monthRanges.push({ kind, from: new Date(m), to: new Date(bucketer.next('month', m)) });
  }
  const monthRows = monthRowsFromDays(await dayRowsIn(tx, organizationId, brand.id, monthRanges), bucketer);
  await replaceRollups(tx, organizationId, brand.id, 'month', asDates(keys.month), monthRows);
}

/**
 * Recomputes the facts and summaries of conversations of one organization from their events and current
 * dimensions, then (unless `rollups` is false) every rollup row their old and new facts touch.
 */
async function recomputeInTx(
  tx: Tx,
  organizationId: string,
  conversations: readonly ConversationDims[],
  brands: ReadonlyMap<string, BrandInfo>,
  rollups: boolean,
) {
  if (conversations.length === 0) return;
  const ids = conversations.map((c) => c.id);
  await lockBrands(
    tx,
    conversations.map((c) => c.brandId),
  );
  const events = await eventsOf(tx, organizationId, ids);
  const oldPlaces = rollups ? await factPlaces(tx, organizationId, ids) : [];
  const computed: ComputedConversation[] = [];
  for (const conversation of conversations) {
    const brand = brands.get(conversation.brandId);
    const { facts, summary } = computeFacts(
      events.get(conversation.id) ?? [],
      conversation.assigneeUserId,
      brand?.calendar ?? null,
    );
    computed.push({ conversation, facts, summary });
  }
  await replaceFacts(tx, organizationId, computed, new Date());
  if (!rollups) return;

  const placesByBrand = new Map<string, Place[]>();
  const placeIn = (brandId: string, place: Place) => {
    let list = placesByBrand.get(brandId);
    if (!list) placesByBrand.set(brandId, (list = []));
    list.push(place);
  };
  for (const p of oldPlaces) placeIn(p.brandId, p);
  for (const c of computed) for (const f of c.facts) placeIn(c.conversation.brandId, f);
  for (const [brandId, places] of placesByBrand) {
    const brand = brands.get(brandId);
    if (brand) await recomputeRollupBuckets(tx, organizationId, brand, places);
  }
}

function byOrganization(conversations: readonly ConversationDims[]) {
  const groups = new Map<string, ConversationDims[]>();
  for (const c of conversations) {
    let list = groups.get(c.organizationId);
    if (!list) groups.set(c.organizationId, (list = []));
    list.push(c);
  }
  return groups;
}

/**
 * Recomputes these conversations (any organizations) now: facts, summaries and the rollups they touch, one
 * transaction per organization and batch. Unknown ids are ignored.
 */
export async function recomputeConversations(db: Db, conversationIds: readonly string[]): Promise<void> {
  const unique = [...new Set(conversationIds)];
  for (let i = 0; i < unique.length; i += METRICS_BATCH) {
    const conversations = await conversationsById(db, unique.slice(i, i + METRICS_BATCH));
    for (const [organizationId, group] of byOrganization(conversations)) {
      const brands = await brandInfos(db, organizationId);
      await db.$transaction((tx) => recomputeInTx(tx, organizationId, group, brands, true), TX);
    }
  }
}

/**
 * One batch of the 'metrics' consumer of DirtyConversation: the oldest marks, their conversations recomputed and
 * the marks deleted in the same transaction (a mark renewed meanwhile keeps the conversation dirty).
 */
export async function refreshDirtyMetrics(
  db: Db,
  opts: { limit?: number; deferToSlaForMs?: number } = {},
): Promise<{ conversations: number }> {
  const limit = Math.min(Math.max(1, opts.limit ?? METRICS_BATCH), 1_000);
  const marks = await readDirtyMarks(db, limit, { deferToSlaForMs: opts.deferToSlaForMs });
  if (marks.length === 0) return { conversations: 0 };
  const conversations = await conversationsById(
    db,
    marks.map((m) => m.conversationId),
  );
  const groups = byOrganization(conversations);
  const known = new Set(conversations.map((c) => c.id));
  // Marks of conversations deleted since: nothing to compute (their facts went with them).
  const gone = marks.filter((m) => !known.has(m.conversationId));
  if (gone.length) await db.$transaction((tx) => deleteDirtyMarks(tx, gone), TX);
  for (const [organizationId, group] of groups) {
    const ids = new Set(group.map((c) => c.id));
    const brands = await brandInfos(db, organizationId);
    await db.$transaction(async (tx) => {
      await recomputeInTx(tx, organizationId, group, brands, true);
      await deleteDirtyMarks(
        tx,
        marks.filter((m) => ids.has(m.conversationId)),
      );
    }, TX);
  }
  return { conversations: conversations.length };
}

/**
 * Rewrites every rollup row of a brand from its facts, one local month per transaction (under the brand's lock,
 * so the worker may run meanwhile). Rows of a month not yet reached keep their previous values until it is.
 */
export async function rebuildRollups(db: Db, opts: { organizationId: string; brandId: string }): Promise<void> {
  const { organizationId, brandId } = opts;
  const brand = (await brandInfos(db, organizationId, [brandId])).get(brandId);
  if (!brand) throw new DomainError('NOT_FOUND', 'Brand not found');
  const { bucketer } = brand;
  const span = await factSpan(db, organizationId, brandId);
  if (!span) {
    await db.$transaction(async (tx) => {
      await lockBrands(tx, [brandId]);
      await deleteRollupsBetween(tx, organizationId, brandId, null, null);
    }, TX);
    return;
  }
  const lastMonth = bucketer.month(span.last);
  for (let month = bucketer.month(span.first); month <= lastMonth; month = bucketer.next('month', month)) {
    const first = month === bucketer.month(span.first);
    const next = bucketer.next('month', month);
    await db.$transaction(async (tx) => {
      await lockBrands(tx, [brandId]);
      // Rows bucketed in this month (the first and last chunks also take anything before and after the facts).
      await deleteRollupsBetween(
        tx,
        organizationId,
        brandId,
        first ? null : new Date(month),
        month === lastMonth ? null : new Date(next),
      );
      const places = await factSlots(tx, organizationId, brandId, new Date(month), new Date(next));
      if (places.length) await recomputeRollupBuckets(tx, organizationId, brand, places);
    }, TX);
  }
}

export interface RebuildReport {
  brands: number;
  conversations: number;
  seconds: number;
}

/**
 * Recomputes the facts of every conversation of the organization (or of one brand) from the events, then rebuilds
 * the rollups from the facts. Consumes the 'metrics' marks of the conversations it recomputes.
 */
export async function rebuildMetrics(
  db: Db,
  opts: { organizationId: string; brandId?: string; onProgress?: (conversations: number) => void },
): Promise<RebuildReport> {
  const started = Date.now();
  const { organizationId } = opts;
  const brands = await brandInfos(db, organizationId, opts.brandId ? [opts.brandId] : undefined);
  if (opts.brandId && !brands.has(opts.brandId)) throw new DomainError('NOT_FOUND', 'Brand not found');
  let conversations = 0;
  let pages = 0;
  for (const brand of brands.values()) {
    let after: string | null = null;
    for (;;) {
      if (pages++ % 25 === 1) await analyzeFactTables(db);
      const page = await conversationPage(db, organizationId, brand.id, after, METRICS_BATCH * 2);
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      const ids = page.map((c) => c.id);
      // Marks read before the events: a mark renewed by an event written meanwhile survives the delete.
      const marks = await readDirtyMarksOf(db, organizationId, ids);
      await db.$transaction(async (tx) => {
        await recomputeInTx(tx, organizationId, page, brands, false);
        await deleteDirtyMarks(tx, marks);
      }, TX);
      conversations += page.length;
      opts.onProgress?.(conversations);
    }
    await rebuildRollups(db, { organizationId, brandId: brand.id });
  }
  return { brands: brands.size, conversations, seconds: (Date.now() - started) / 1000 };
}

/**
 * How fresh the organization's rollups are: the instant before which every conversation event is counted. That
 * is the time the oldest still-unprocessed conversation was marked dirty, or, when the queue holds nothing of the
 * organization, the database's current time.
 */
export async function metricsFreshAt(db: Db, organizationId: string): Promise<Date> {
  const { oldest, now } = await oldestDirtyMark(db, organizationId);
  return oldest ?? now;
}
