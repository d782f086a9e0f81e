import {
  dashboardBreakdownInput,
  dashboardDrilldownInput,
  dashboardHeatmapInput,
  dashboardSeriesInput,
  dashboardSlaInput,
  dashboardSummaryInput,
  dashboardVolumeInput,
  wallboardInput,
} from '@perch/shared';
import { orgProcedure, router } from '../../trpc/init.ts';
import { workspaceActor } from '../teams/workspace-actor.ts';
import { dashboardBreakdown } from './breakdown.service.ts';
import {
  dashboardHeatmap,
  dashboardSeries,
  dashboardSla,
  dashboardSummary,
  dashboardVolume,
} from './dashboards.service.ts';
import { dashboardDrilldown } from './drilldown.service.ts';
import { wallboard } from './wallboard.service.ts';

/** Managers' dashboards and the wallboard, read from the metric rollups (docs/dashboards.md). Queries only. */
export const dashboardsRouter = router({
  summary: orgProcedure
    .input(dashboardSummaryInput)
    .query(({ ctx, input }) => dashboardSummary(ctx.db, workspaceActor(ctx), input)),
  series: orgProcedure
    .input(dashboardSeriesInput)
    .query(({ ctx, input }) => dashboardSeries(ctx.db, workspaceActor(ctx), input)),
  volume: orgProcedure
    .input(dashboardVolumeInput)
    .query(({ ctx, input }) => dashboardVolume(ctx.db, workspaceActor(ctx), input)),
  sla: orgProcedure
    .input(dashboardSlaInput)
    .query(({ ctx, input }) => dashboardSla(ctx.db, workspaceActor(ctx), input)),
  heatmap: orgProcedure
    .input(dashboardHeatmapInput)
    .query(({ ctx, input }) => dashboardHeatmap(ctx.db, workspaceActor(ctx), input)),
  breakdown: orgProcedure
    .input(dashboardBreakdownInput)
    .query(({ ctx, input }) => dashboardBreakdown(ctx.db, workspaceActor(ctx), input)),
  drilldown: orgProcedure
    .input(dashboardDrilldownInput)
    .query(({ ctx, input }) => dashboardDrilldown(ctx.db, workspaceActor(ctx), input)),
  wallboard: orgProcedure
    .input(wallboardInput)
    .query(({ ctx, input }) => wallboard(ctx.db, workspaceActor(ctx), input)),
});
