import { MANAGERS, WORKERS, type Access } from '../../trpc/policy-types.ts';

/**
 * Who may call each `dashboards.*` procedure (spread into the policy matrix, src/trpc/policy.ts). Agents read their
 * own figures (the service forces the agent filter to themself); the wallboard is a team-wide screen: managers.
 */
export const DASHBOARDS_POLICY = {
  'dashboards.summary': WORKERS,
  'dashboards.series': WORKERS,
  'dashboards.volume': WORKERS,
  'dashboards.sla': WORKERS,
  'dashboards.heatmap': WORKERS,
  'dashboards.breakdown': WORKERS,
  'dashboards.drilldown': WORKERS,
  'dashboards.wallboard': MANAGERS,
} as const satisfies Record<`dashboards.${string}`, Access>;
