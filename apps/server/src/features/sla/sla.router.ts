import {
  deleteSlaPolicyInput,
  listSlaPoliciesInput,
  saveSlaPolicyInput,
  setBusinessCalendarInput,
} from '@perch/shared';
import { orgProcedure, router } from '../../trpc/init.ts';
import { workspaceActor } from '../teams/workspace-actor.ts';
import { deleteSlaPolicy, saveSlaPolicy, setBusinessCalendar, slaSettings } from './sla.service.ts';

/** SLA settings (docs/sla.md): every worker reads a brand's policies and calendar; managers change them. */
export const slaRouter = router({
  settings: orgProcedure
    .input(listSlaPoliciesInput)
    .query(({ ctx, input }) => slaSettings(ctx.db, workspaceActor(ctx), input)),
  savePolicy: orgProcedure
    .input(saveSlaPolicyInput)
    .mutation(({ ctx, input }) => saveSlaPolicy(ctx.db, workspaceActor(ctx), input)),
  deletePolicy: orgProcedure
    .input(deleteSlaPolicyInput)
    .mutation(({ ctx, input }) => deleteSlaPolicy(ctx.db, workspaceActor(ctx), input)),
  setCalendar: orgProcedure
    .input(setBusinessCalendarInput)
    .mutation(({ ctx, input }) => setBusinessCalendar(ctx.db, workspaceActor(ctx), input)),
});
