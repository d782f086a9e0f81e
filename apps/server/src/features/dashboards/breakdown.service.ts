import type { BreakdownRow, DashboardBreakdown, DashboardDimension } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';
import { DomainError, forbidden } from '../../lib/errors.ts';
import { brandsEntitledTo } from '../billing/entitlements.ts';
import type { WorkspaceActor } from '../teams/workspace-actor.ts';
import { retentionOf, withRetention } from './dashboard-retention.ts';
import { resolveScope } from './dashboard-scope.ts';
import { monthOf, nextMonth } from './dashboard-time.ts';
import { agentLoad, dimensionValuesIn, labelsOf, rollupSums } from './dashboards.repository.ts';
import { dimOf, rangePieces, type ScopeInput } from './dashboards.service.ts';
import { ALL_KINDS, SLA_TARGETS, slaFigure, totalsBy } from './figures.ts';

/**
 * Breakdowns (docs/dashboards.md): every figure per value of one dimension (or per brand), from month and day rollup
 * rows of that dimension; agents add their load now. Advanced analytics: over "all brands", the brands whose plan
 * lacks it are left out (docs/billing.md).
 */

const BREAKDOWN_ROWS_MAX = 500;
const BREAKDOWN_KIND_HALVES = [
  ['first_response', 'reply', 'resolution'],
  ALL_KINDS.filter((kind) => !['first_response', 'reply', 'resolution'].includes(kind)),
];

export async function dashboardBreakdown(
  db: DbOrTx,
  actor: WorkspaceActor,
  input: ScopeInput & { dimension: DashboardDimension },
): Promise<DashboardBreakdown> {
  const resolved = await resolveScope(db, actor, input);
  // Breakdowns are advanced analytics (docs/billing.md): over "all brands", those whose plan lacks it are left out.
  const entitled = new Set(
    await brandsEntitledTo(
      db,
      actor.organizationId,
      resolved.brands.map((b) => b.id),
      'advanced_analytics',
      input.brandIds.length > 0,
    ),
  );
  // Retention again over the brands kept (one left out must not shorten or annotate the range).
  const scope = await withRetention(db, {
    ...resolved,
    from: input.from,
    brands: resolved.brands.filter((b) => entitled.has(b.id)).map(({ visibleFrom: _, ...b }) => b),
    retention: null,
  });
  const dimension = input.dimension;
  const byBrand = dimension === 'brand';
  if (!byBrand && scope.filter && scope.filter.dimension !== dimension) {
    // Rollups keep each dimension on its own: "team X by channel" is not in them.
    if (scope.ownOnly) throw forbidden('Agents see their own figures only');
    throw new DomainError('VALIDATION', 'A breakdown can only be filtered on its own dimension', {
      field: 'filter',
    });
  }
  const { dim, dimValues } = byBrand
    ? dimOf(scope)
    : {
        dim: dimension,
        dimValues: scope.filter
          ? [scope.filter.value]
          : await dimensionValuesIn(
              db,
              scope.organizationId,
              scope.brands.map((b) => b.id),
              dimension,
              // The months covering the range in every brand's zone (a day early and late for the zones' offsets).
              new Date(Date.parse(`${monthOf(scope.from)}T00:00:00Z`) - 86_400_000),
              new Date(Date.parse(`${nextMonth(scope.to)}T00:00:00Z`) + 86_400_000),
            ),
      };
  // The figures, the names and the agents' load at once (on a server, three pooled connections).
  const named = dimValues ? dimValues.filter((v) => v !== '') : [];
  const brandIds = scope.brands.map((b) => b.id);
  const [rows, labels, load] = await Promise.all([
    // Two halves of the kinds, read at once: turning the histograms into text is most of the work (one row per
    // value, kind and month), and a server does each half on its own core.
    Promise.all(
      BREAKDOWN_KIND_HALVES.map((kinds) =>
        rollupSums(
          db,
          {
            organizationId: scope.organizationId,
            pieces: rangePieces(scope, scope, 'cover'),
            kinds,
            dim,
            dimValues,
            hist: scope.businessHours ? 'business' : 'calendar',
          },
          byBrand ? 'brandId' : 'dimValue',
        ),
      ),
    ).then((halves) => halves.flat()),
    byBrand
      ? new Map(scope.brands.map((b) => [b.id, b.name]))
      : dimension === 'agent' || dimension === 'team' || dimension === 'channel' || dimension === 'tag'
        ? labelsOf(db, scope.organizationId, dimension, named)
        : new Map<string, string>(),
    dimension === 'agent' ? agentLoad(db, scope.organizationId, brandIds, named) : null,
  ]);
  const groups = totalsBy(rows, (r) => r.key, scope.businessHours);
  const values = [...groups.keys()];
  const out: BreakdownRow[] = values.map((value) => {
    const t = groups.get(value)!;
    const sla = SLA_TARGETS.map((target) => t.sla(target));
    const hits = sla.reduce((n, s) => n + s.hits, 0);
    const breaches = sla.reduce((n, s) => n + s.breaches, 0);
    return {
      value,
      label: labels.get(value) ?? value,
      durations: t.durations(),
      inbound: t.count('inbound'),
      outbound: t.count('outbound'),
      sla: { hits, breaches, achievement: slaFigure('first_response', hits, breaches).achievement },
      load: load ? (load.get(value) ?? { assignedOpen: 0, online: false }) : null,
    };
  });
  out.sort((a, b) => b.inbound + b.outbound - (a.inbound + a.outbound) || a.label.localeCompare(b.label));
  return { dimension, rows: out.slice(0, BREAKDOWN_ROWS_MAX), ...retentionOf(scope) };
}
