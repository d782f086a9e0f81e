import type { Wallboard } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';
import type { WorkspaceActor } from '../teams/workspace-actor.ts';
import { resolveScope } from './dashboard-scope.ts';
import { localMidnight, todayIn } from './dashboard-time.ts';
import { agentsOnline, breachesSince, rollupSums, waitingNow } from './dashboards.repository.ts';
import { KindTotals } from './figures.ts';

/**
 * The wallboard (a screen on the wall, refreshed on live events): what waits now, from the conversations; who is
 * online, from the memberships; breaches since each brand's local midnight, from the SLA clocks; first response
 * today, from the brand's day rollup row of today.
 */
export async function wallboard(
  db: DbOrTx,
  actor: WorkspaceActor,
  input: { brandIds: string[] },
  now = new Date(),
): Promise<Wallboard> {
  const today = todayIn('UTC', now);
  const scope = await resolveScope(db, actor, {
    brandIds: input.brandIds,
    from: today,
    to: today,
    businessHours: false,
    filter: null,
  });
  const ids = scope.brands.map((b) => b.id);
  const midnights = scope.brands.map((b) => ({
    brandId: b.id,
    at: localMidnight(todayIn(b.timeZone, now), b.timeZone),
  }));
  const [waiting, online, breaches, frtRows] = await Promise.all([
    waitingNow(db, scope.organizationId, ids),
    agentsOnline(db, scope.organizationId, ids),
    breachesSince(db, scope.organizationId, midnights),
    rollupSums(
      db,
      {
        organizationId: scope.organizationId,
        pieces: scope.brands.map((b, i) => ({
          brandId: b.id,
          zone: b.timeZone,
          grain: 'day' as const,
          lo: midnights[i]!.at,
          hi: new Date(midnights[i]!.at.getTime() + 1),
        })),
        kinds: ['first_response'],
        dim: '',
        dimValues: null,
        hist: 'calendar',
      },
      null,
    ),
  ]);
  const frt = new KindTotals(false);
  for (const r of frtRows) frt.add(r);
  return {
    waitingNow: waiting.count,
    oldestWaitingSince: waiting.oldest?.toISOString() ?? null,
    agentsOnline: online,
    breachesToday: breaches,
    firstResponseToday: frt.duration('first_response'),
    at: now.toISOString(),
  };
}
