import { FEATURES, PLAN_IDS, type Feature, type PlanId, type PlanView } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';
import type { Catalog } from './subscription-machine.ts';

const planIds = new Set<string>(PLAN_IDS);
const features = new Set<string>(FEATURES);

/** A plan's catalog figures, as every read of the catalog selects them. */
export const PLAN_SELECT = {
  id: true,
  name: true,
  priceCents: true,
  includedSeats: true,
  seatPriceCents: true,
  monthlyMentions: true,
  overagePer1kCents: true,
  retentionDays: true,
  features: true,
} as const;

/** The plan catalog (platform data), cheapest first. Unknown feature names in the table are ignored. */
export async function loadCatalog(db: DbOrTx): Promise<Catalog> {
  const rows = await db.plan.findMany({
    select: PLAN_SELECT,
    orderBy: [{ priceCents: 'asc' }, { id: 'asc' }],
  });
  const catalog = new Map<PlanId, PlanView>();
  for (const row of rows) {
    if (!planIds.has(row.id)) continue;
    catalog.set(row.id as PlanId, {
      ...row,
      id: row.id as PlanId,
      features: row.features.filter((f): f is Feature => features.has(f)),
    });
  }
  if (!catalog.has('free')) throw new Error('The plan catalog has no Free plan: run the migrations');
  return catalog;
}
