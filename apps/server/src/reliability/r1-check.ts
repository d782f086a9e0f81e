import type pg from 'pg';

/**
 * What the R1/R2 checker reads: the channel's stored mentions by external id (each with its conversation), the
 * raw inbound events still pending, and the ingest jobs on pg-boss's tables (waiting, running, dead-lettered).
 */
export interface IngestState {
  /** Sent ids with no mention row. */
  lost: number;
  /** Extra rows for one external id (the unique index should make this impossible: counted, not assumed). */
  duplicated: number;
  /** Mention rows whose external id was never sent. */
  unexpected: number;
  /** Stored mentions without a conversation, or whose conversation row is missing. */
  withoutConversation: number;
  mentionRows: number;
  /** Held over the plan's quota instead of stored (0 on the run's paid plan; counted to explain a loss). */
  held: number;
  conversations: number;
  inboundEvents: { total: number; pending: number; failed: number };
  jobs: { waiting: number; active: number; failed: number; dead: number };
}

export const drained = (s: IngestState) =>
  s.lost === 0 &&
  s.withoutConversation === 0 &&
  s.inboundEvents.pending === 0 &&
  s.jobs.waiting === 0 &&
  s.jobs.active === 0;

export async function readIngestState(pool: pg.Pool, channelId: string, sentIds: string[]): Promise<IngestState> {
  const mentions = await pool.query<{ missing: string; duplicated: string; unexpected: string; rows: string }>(
    `WITH sent AS (SELECT unnest($2::text[]) AS id),
          stored AS (SELECT "externalId" AS id, count(*) AS n FROM "Mention" WHERE "channelId" = $1 GROUP BY 1)
     SELECT (SELECT count(*) FROM sent LEFT JOIN stored USING (id) WHERE stored.id IS NULL) AS missing,
            (SELECT coalesce(sum(n - 1), 0) FROM stored) AS duplicated,
            (SELECT count(*) FROM stored LEFT JOIN sent USING (id) WHERE sent.id IS NULL) AS unexpected,
            (SELECT coalesce(sum(n), 0) FROM stored) AS rows`,
    [channelId, sentIds],
  );
  const threads = await pool.query<{ orphans: string; conversations: string }>(
    `SELECT count(*) FILTER (WHERE c.id IS NULL) AS orphans, count(DISTINCT c.id) AS conversations
     FROM "Mention" m LEFT JOIN "Conversation" c ON c.id = m."conversationId"
     WHERE m."channelId" = $1`,
    [channelId],
  );
  const events = await pool.query<{ total: string; pending: string; failed: string }>(
    `SELECT count(*) AS total, count(*) FILTER (WHERE status = 'pending') AS pending,
            count(*) FILTER (WHERE status = 'failed') AS failed
     FROM "InboundEvent" WHERE "channelId" = $1`,
    [channelId],
  );
  const held = await pool.query<{ n: string }>('SELECT count(*) AS n FROM "HeldMention" WHERE "channelId" = $1', [
    channelId,
  ]);
  const jobs = await pool.query<{ name: string; state: string; n: string }>(
    `SELECT name, state::text AS state, count(*) AS n FROM pgboss.job
     WHERE name IN ('ingest.process', 'ingest.process.dead') GROUP BY 1, 2`,
  );
  const count = (name: string, states: string[]) =>
    jobs.rows.filter((r) => r.name === name && states.includes(r.state)).reduce((s, r) => s + Number(r.n), 0);
  const m = mentions.rows[0]!;
  const t = threads.rows[0]!;
  const e = events.rows[0]!;
  return {
    lost: Number(m.missing),
    duplicated: Number(m.duplicated),
    unexpected: Number(m.unexpected),
    withoutConversation: Number(t.orphans),
    mentionRows: Number(m.rows),
    held: Number(held.rows[0]!.n),
    conversations: Number(t.conversations),
    inboundEvents: { total: Number(e.total), pending: Number(e.pending), failed: Number(e.failed) },
    jobs: {
      waiting: count('ingest.process', ['created', 'retry']),
      active: count('ingest.process', ['active']),
      failed: count('ingest.process', ['failed']),
      dead: count('ingest.process.dead', ['created', 'retry', 'active', 'completed', 'failed', 'cancelled']),
    },
  };
}

/**
 * Waits until every sent mention is stored with its conversation and the ingest queue is empty, reading the
 * state every 500 ms. Returns the state at the end and when it drained (null if not within `timeoutMs`).
 */
export async function waitForDrain(
  pool: pg.Pool,
  channelId: string,
  sentIds: string[],
  timeoutMs: number,
  progress: (line: string) => void,
): Promise<{ state: IngestState; drainedAt: number | null }> {
  const until = Date.now() + timeoutMs;
  let shownAt = 0;
  for (;;) {
    const state = await readIngestState(pool, channelId, sentIds).catch(() => null);
    if (state && drained(state)) return { state, drainedAt: Date.now() };
    if (Date.now() > until)
      return { state: state ?? (await readIngestState(pool, channelId, sentIds)), drainedAt: null };
    const line = state
      ? `not stored yet ${state.lost}, pending events ${state.inboundEvents.pending}, jobs waiting ${state.jobs.waiting} / active ${state.jobs.active}`
      : 'database not answering';
    // Every 5 s at most: a long drain stays readable.
    if (Date.now() - shownAt >= 5_000) {
      progress(line);
      shownAt = Date.now();
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
