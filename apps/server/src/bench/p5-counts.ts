import type { Database } from '../db/database.ts';
import { inboxCounts } from '../features/inbox/inbox.service.ts';
import type { Dataset } from './dataset.ts';
import { benchActor, percentile, timed } from './p4-inbox.ts';

/**
 * P5: inbox.counts (every built-in view, from the maintained counters) p99 over `samples` calls of the
 * service. Baseline: the same eight counts computed by one `count(*) … FILTER` scan of the brand's
 * conversations (a few samples: it reads every conversation of the brand).
 */
export async function benchCounts(db: Database, ds: Dataset, samples: number, log: (line: string) => void) {
  const actor = await benchActor(db, ds, log);
  const counts = await inboxCounts(db.prisma, actor, undefined);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) times.push((await timed(() => inboxCounts(db.prisma, actor, undefined)))[0]);
  const baseline: number[] = [];
  let exact: Record<string, number> = {};
  for (let i = 0; i < 3; i++) {
    const [ms, r] = await timed(() =>
      db.pool.query(
        `SELECT count(*) FILTER (WHERE status = 'new')::int AS new,
           count(*) FILTER (WHERE status <> 'resolved' AND "assigneeUserId" = $3)::int AS mine,
           count(*) FILTER (WHERE status IN ('new', 'open') AND "assigneeUserId" IS NULL)::int AS unassigned,
           count(*) FILTER (WHERE status <> 'resolved' AND "teamId" IN (
             SELECT "teamId" FROM "TeamMember" WHERE "membershipId" = $4))::int AS my_team,
           count(*) FILTER (WHERE status IN ('new', 'open'))::int AS all_open,
           count(*) FILTER (WHERE status = 'pending')::int AS pending,
           count(*) FILTER (WHERE status = 'snoozed')::int AS snoozed,
           count(*) FILTER (WHERE status = 'resolved')::int AS resolved
         FROM "Conversation" WHERE "organizationId" = $1 AND "brandId" = $2`,
        [ds.organizationId, ds.brandId, actor.userId, actor.membershipId],
      ),
    );
    baseline.push(ms);
    exact = r.rows[0] as Record<string, number>;
  }
  const exactMatch = Object.entries(counts).every(([view, n]) => exact[view] === n);
  const result = {
    samples,
    p99Ms: percentile(times, 99),
    p50Ms: percentile(times, 50),
    countStarMs: percentile(baseline, 50),
    counts,
    exactMatch,
  };
  log(`P5: p99 ${result.p99Ms.toFixed(2)} ms; count(*) ${result.countStarMs.toFixed(0)} ms; equal: ${exactMatch}`);
  return result;
}
export type P5Result = Awaited<ReturnType<typeof benchCounts>>;
