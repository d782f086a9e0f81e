import type { DashboardDimension, DashboardRetention, DashboardScope } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { isManager, type WorkspaceActor } from '../teams/workspace-actor.ts';
import { withRetention, type RetainedBrand } from './dashboard-retention.ts';
import { brandsOf, dimensionValueExists } from './dashboards.repository.ts';

export type DashboardFilter = { dimension: Exclude<DashboardDimension, 'brand'>; value: string };

/** A checked dashboard scope: the brands to read (non-empty unless the member sees none) and the filter to apply. */
export interface ResolvedScope {
  organizationId: string;
  /** Each with its first visible day when its plan keeps less history than the range asks (dashboard-retention.ts). */
  brands: RetainedBrand[];
  /** The first local day read: the one asked, or later when every brand's plan starts later. */
  from: string;
  to: string;
  businessHours: boolean;
  filter: DashboardFilter | null;
  /** The zone the figures are shown in: the brands' common zone, else the first brand's. */
  displayZone: string;
  /** The brands' common zone, or 'mixed'. */
  timeZone: string;
  /** An agent: figures forced to their own. */
  ownOnly: boolean;
  /** Set when some brand's range was shortened to the history its plan keeps. */
  retention?: DashboardRetention | null;
}

const ID_DIMENSIONS = ['agent', 'team', 'channel', 'tag'] as const;

/**
 * The brands asked ∩ the brands the member may see (membership brandIds; empty: all). A brand of another
 * organization, or one the member may not see, reads as missing. Agents see their own figures only: their filter is
 * forced to themself, and any other filter is refused. Each brand's range then starts no earlier than the history its
 * plan keeps (dashboard-retention.ts).
 */
export async function resolveScope(
  db: DbOrTx,
  actor: WorkspaceActor,
  input: Pick<DashboardScope, 'brandIds' | 'from' | 'to' | 'businessHours' | 'filter'>,
): Promise<ResolvedScope> {
  const visible = await brandsOf(db, actor.organizationId, actor.brandIds.length ? actor.brandIds : null);
  let brands = visible;
  if (input.brandIds.length) {
    const asked = new Set(input.brandIds);
    brands = visible.filter((b) => asked.has(b.id));
    if (brands.length !== asked.size) throw notFound('Brand');
  }
  let filter: DashboardFilter | null = input.filter;
  const ownOnly = !isManager(actor.role);
  if (ownOnly) {
    if (filter && !(filter.dimension === 'agent' && filter.value === actor.userId)) {
      throw forbidden('Agents see their own figures only');
    }
    filter = { dimension: 'agent', value: actor.userId };
  } else if (filter && filter.value !== '' && (ID_DIMENSIONS as readonly string[]).includes(filter.dimension)) {
    const dimension = filter.dimension as (typeof ID_DIMENSIONS)[number];
    if (!/^[0-9a-f-]{36}$/i.test(filter.value)) throw notFound(dimension);
    if (!(await dimensionValueExists(db, actor.organizationId, dimension, filter.value))) throw notFound(dimension);
  }
  const zones = [...new Set(brands.map((b) => b.timeZone))];
  return withRetention(db, {
    organizationId: actor.organizationId,
    brands,
    from: input.from,
    to: input.to,
    businessHours: input.businessHours,
    filter,
    displayZone: brands[0]?.timeZone ?? 'UTC',
    timeZone: zones.length === 1 ? zones[0]! : zones.length ? 'mixed' : 'UTC',
    ownOnly,
  });
}
