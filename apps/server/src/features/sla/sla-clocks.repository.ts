import { businessCalendarSchema, type BusinessCalendar, type Priority, type SlaTarget } from '@perch/shared';
import type { DbOrTx, Tx } from '../../db/database.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { MetricEvent } from '../metrics/metric-events.ts';
import type { ClockState, PoliciesByPriority } from './sla-clocks.ts';

/** The SLA engine's reads and writes (the worker's side; settings live in sla-policies.repository.ts). */

export const SLA_CONSUMER = 'sla';

export interface DirtyMark {
  conversationId: string;
  seq: bigint;
}

/**
 * The newest marks of the `sla` consumer (contracts: read a batch, process, delete the mark read). Newest first:
 * a conversation that just arrived or changed gets its due times at once even behind a backlog (a bulk import,
 * the demo's history); an untouched old mark waits only until the queue drains.
 */
export function dirtyMarks(db: DbOrTx, limit: number): Promise<DirtyMark[]> {
  return db.$queryRaw<DirtyMark[]>`
    SELECT "conversationId", seq FROM "DirtyConversation"
    WHERE consumer = ${SLA_CONSUMER} ORDER BY "markedAt" DESC LIMIT ${limit}`;
}

/** Deletes the mark only if it is still the one read: a newer mark (events appended meanwhile) stays. */
export async function clearDirtyMark(db: DbOrTx, mark: DirtyMark) {
  await db.$executeRaw`
    DELETE FROM "DirtyConversation"
    WHERE consumer = ${SLA_CONSUMER} AND "conversationId" = ${mark.conversationId}::uuid AND seq = ${mark.seq}`;
}

/**
 * Clears, in one statement, the marks of conversations with nothing to compute: their brand has no policy, they
 * have no clock and their SLA columns are empty (most conversations of brands without an SLA). A mark made
 * meanwhile changes nothing for them: without a policy a sync would write nothing (a new policy marks again).
 */
export async function clearIdleMarks(db: DbOrTx, conversationIds: string[]): Promise<Set<string>> {
  if (conversationIds.length === 0) return new Set();
  const rows = await db.$queryRaw<{ conversationId: string }[]>`
    DELETE FROM "DirtyConversation" d
    USING "Conversation" c
    WHERE d.consumer = ${SLA_CONSUMER} AND d."conversationId" = ANY(${conversationIds}::uuid[])
      AND c.id = d."conversationId"
      AND c."slaState" = 'none' AND c."slaDueAt" IS NULL AND c."firstResponseDueAt" IS NULL
      AND c."nextResponseDueAt" IS NULL AND c."resolutionDueAt" IS NULL
      AND NOT EXISTS (
        SELECT 1 FROM "SlaPolicy" p WHERE p."organizationId" = c."organizationId" AND p."brandId" = c."brandId")
      AND NOT EXISTS (SELECT 1 FROM "SlaClock" k WHERE k."conversationId" = c.id)
    RETURNING d."conversationId"`;
  return new Set(rows.map((r) => r.conversationId));
}

/** Marks every conversation of the brand not yet resolved for a recompute (a policy or calendar change). */
export function markBrandDirty(tx: Tx, organizationId: string, brandId: string): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO "DirtyConversation" (consumer, "conversationId", "organizationId")
    SELECT ${SLA_CONSUMER}, id, "organizationId" FROM "Conversation"
    WHERE "organizationId" = ${organizationId}::uuid AND "brandId" = ${brandId}::uuid AND status <> 'resolved'
    ON CONFLICT (consumer, "conversationId") DO UPDATE SET seq = EXCLUDED.seq, "markedAt" = EXCLUDED."markedAt"`;
}

/**
 * Marks every conversation of the brand, resolved or not, for the metrics worker: a new calendar changes the
 * business-hours twins of past figures too (docs/metrics.md). The worker takes them in batches.
 */
export function markBrandMetricsDirty(tx: Tx, organizationId: string, brandId: string): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO "DirtyConversation" (consumer, "conversationId", "organizationId")
    SELECT 'metrics', id, "organizationId" FROM "Conversation"
    WHERE "organizationId" = ${organizationId}::uuid AND "brandId" = ${brandId}::uuid
    ON CONFLICT (consumer, "conversationId") DO UPDATE SET seq = EXCLUDED.seq, "markedAt" = EXCLUDED."markedAt"`;
}

/**
 * Takes the next running clock whose due (or, failing that, warning) instant has come, skipping rows another
 * worker holds: several worker processes share the work, each conversation synced by one of them at a time.
 * Served by the (state, dueAt) and (state, warnAt) indexes; `exclude` keeps one tick from taking a row twice.
 */
export async function claimDueClock(tx: Tx, now: Date, exclude: bigint[]) {
  const due = await tx.$queryRaw<{ id: bigint; conversationId: string }[]>`
    SELECT id, "conversationId" FROM "SlaClock"
    WHERE state = 'running' AND "dueAt" <= ${now} AND NOT (id = ANY(${exclude}::bigint[]))
    ORDER BY "dueAt" LIMIT 1 FOR UPDATE SKIP LOCKED`;
  if (due[0]) return due[0];
  const warn = await tx.$queryRaw<{ id: bigint; conversationId: string }[]>`
    SELECT id, "conversationId" FROM "SlaClock"
    WHERE state = 'running' AND "warnAt" <= ${now} AND "warnedAt" IS NULL AND NOT (id = ANY(${exclude}::bigint[]))
    ORDER BY "warnAt" LIMIT 1 FOR UPDATE SKIP LOCKED`;
  return warn[0] ?? null;
}

/** The ids of the clocks of a conversation (to exclude them for the rest of a tick once synced). */
export async function clockIdsOf(tx: Tx, organizationId: string, conversationId: string) {
  const rows = await tx.slaClock.findMany({ where: { organizationId, conversationId }, select: { id: true } });
  return rows.map((r) => r.id);
}

/** Serialises syncs of one conversation (across processes) without locking its row against people's actions. */
export async function lockForSync(tx: Tx, conversationId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sla:${conversationId}`}))`;
}

/**
 * The same lock, without waiting: the due-clock loop already holds a clock row, and waiting here for a sync that
 * wants that row would deadlock. When another sync holds the conversation, the loop leaves it to that one.
 */
export async function tryLockForSync(tx: Tx, conversationId: string): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ locked: boolean }[]>`
    SELECT pg_try_advisory_xact_lock(hashtext(${`sla:${conversationId}`})) AS locked`;
  return row?.locked === true;
}

export interface SyncedConversation {
  id: string;
  organizationId: string;
  brandId: string;
  status: string;
  priority: Priority;
  firstResponseDueAt: Date | null;
  nextResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  slaDueAt: Date | null;
  slaState: string;
  assigneeUserId: string | null;
  /** The brand's calendar; a stored value that no longer passes the schema counts as none (open all the time). */
  calendar: BusinessCalendar | null;
}

/** The conversation by id alone: the worker serves every tenant; everything read after it is scoped by its org. */
export async function conversationForSync(tx: Tx, conversationId: string): Promise<SyncedConversation | null> {
  const row = await tx.conversation.findUnique({
    where: { id: conversationId },
    select: {
      id: true,
      organizationId: true,
      brandId: true,
      status: true,
      priority: true,
      firstResponseDueAt: true,
      nextResponseDueAt: true,
      resolutionDueAt: true,
      slaDueAt: true,
      slaState: true,
      assigneeUserId: true,
      brand: { select: { businessCalendar: true } },
    },
  });
  if (!row) return null;
  const { brand, ...conversation } = row;
  const calendar = businessCalendarSchema.safeParse(brand.businessCalendar ?? null);
  return { ...conversation, calendar: calendar.success ? calendar.data : null };
}

export async function eventsOf(tx: Tx, organizationId: string, conversationId: string): Promise<MetricEvent[]> {
  return tx.conversationEvent.findMany({
    where: { organizationId, conversationId },
    orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
    select: { id: true, type: true, actorUserId: true, data: true, occurredAt: true },
  });
}

export async function policiesOf(db: DbOrTx, organizationId: string, brandId: string): Promise<PoliciesByPriority> {
  const rows = await db.slaPolicy.findMany({
    where: { organizationId, brandId },
    select: {
      id: true,
      priority: true,
      firstResponseMinutes: true,
      nextResponseMinutes: true,
      resolutionMinutes: true,
      businessHours: true,
      warnAtPercent: true,
    },
  });
  return Object.fromEntries(rows.map(({ priority, ...policy }) => [priority, policy]));
}

/** A stored clock (the SlaClock row without its bookkeeping columns). */
export interface StoredClock {
  id: bigint;
  target: SlaTarget;
  episode: number;
  seq: number;
  policyId: string | null;
  businessHours: boolean;
  targetMinutes: number;
  warnAtPercent: number;
  startedAt: Date;
  elapsedMs: number;
  runningSince: Date | null;
  warnAt: Date | null;
  dueAt: Date | null;
  state: ClockState;
  warnedAt: Date | null;
  breachedAt: Date | null;
  stoppedAt: Date | null;
}

export function clocksOf(tx: Tx, organizationId: string, conversationId: string): Promise<StoredClock[]> {
  return tx.slaClock.findMany({
    where: { organizationId, conversationId },
    select: {
      id: true,
      target: true,
      episode: true,
      seq: true,
      policyId: true,
      businessHours: true,
      targetMinutes: true,
      warnAtPercent: true,
      startedAt: true,
      elapsedMs: true,
      runningSince: true,
      warnAt: true,
      dueAt: true,
      state: true,
      warnedAt: true,
      breachedAt: true,
      stoppedAt: true,
    },
  });
}

export type ClockFields = Omit<StoredClock, 'id'>;

export async function saveClock(
  tx: Tx,
  scope: { organizationId: string; brandId: string; conversationId: string },
  existingId: bigint | null,
  clock: ClockFields,
) {
  if (existingId !== null) {
    await tx.slaClock.update({ where: { id: existingId }, data: clock, select: { id: true } });
  } else {
    await tx.slaClock.create({ data: { ...scope, ...clock }, select: { id: true } });
  }
}

export interface SlaEventRow {
  type: 'sla_warning' | 'sla_breached' | 'sla_met';
  occurredAt: Date;
  data: Prisma.InputJsonValue;
}

export async function appendSlaEvents(
  tx: Tx,
  scope: { organizationId: string; brandId: string; conversationId: string },
  events: SlaEventRow[],
) {
  if (events.length === 0) return;
  await tx.conversationEvent.createMany({ data: events.map((e) => ({ ...scope, ...e, actorUserId: null })) });
}

export interface ConversationSla {
  firstResponseDueAt: Date | null;
  nextResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  slaDueAt: Date | null;
  slaState: string;
}

/** Stores the SLA columns; not a change of the conversation's state, so its version stays (no stale actions). */
export async function updateConversationSla(tx: Tx, organizationId: string, id: string, sla: ConversationSla) {
  await tx.conversation.updateMany({ where: { id, organizationId }, data: sla });
}

/**
 * Tells of a fresh breach: the assignee, or when nobody is assigned the brand's managers (owners, admins and
 * managers serving every brand or this one). Returns who was told, for the live notification events.
 */
export async function notifyBreach(
  tx: Tx,
  scope: { organizationId: string; brandId: string; conversationId: string },
  assigneeUserId: string | null,
  data: Prisma.InputJsonValue,
): Promise<string[]> {
  const recipients = assigneeUserId
    ? [assigneeUserId]
    : (
        await tx.membership.findMany({
          where: {
            organizationId: scope.organizationId,
            role: { in: ['owner', 'admin', 'manager'] },
            OR: [{ brandIds: { isEmpty: true } }, { brandIds: { has: scope.brandId } }],
          },
          select: { userId: true },
          take: 50,
        })
      ).map((m) => m.userId);
  if (recipients.length === 0) return [];
  await tx.notification.createMany({
    data: recipients.map((userId) => ({
      organizationId: scope.organizationId,
      userId,
      kind: 'sla_breached',
      conversationId: scope.conversationId,
      actorUserId: null,
      data,
    })),
  });
  return recipients;
}
