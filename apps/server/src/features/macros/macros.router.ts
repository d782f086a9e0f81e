import { applyMacroInput, createMacroInput, listMacrosInput, macroIdInput, updateMacroInput } from '@perch/shared';
import { orgActor, orgProcedure, router, type OrgContext } from '../../trpc/init.ts';
import type { WorkActor, WorkDeps } from '../conversations/work-context.ts';
import { workspaceActor } from '../teams/workspace-actor.ts';
import { applyMacro } from './apply-macro.service.ts';
import { createMacro, deleteMacro, macrosOf, updateMacro } from './macros.service.ts';

const actorOf = (ctx: OrgContext): WorkActor => ({ ...orgActor(ctx), brandIds: ctx.member.brandIds });
const depsOf = (ctx: OrgContext): WorkDeps => ({ db: ctx.db, bus: ctx.bus, queue: ctx.queue });

/** Macros (docs/automation.md): every worker lists and applies them; managers create, change and delete them. */
export const macrosRouter = router({
  list: orgProcedure.input(listMacrosInput).query(({ ctx, input }) => macrosOf(ctx.db, workspaceActor(ctx), input)),
  create: orgProcedure
    .input(createMacroInput)
    .mutation(({ ctx, input }) => createMacro(ctx.db, workspaceActor(ctx), input)),
  update: orgProcedure
    .input(updateMacroInput)
    .mutation(({ ctx, input }) => updateMacro(ctx.db, workspaceActor(ctx), input)),
  delete: orgProcedure
    .input(macroIdInput)
    .mutation(({ ctx, input }) => deleteMacro(ctx.db, workspaceActor(ctx), input.macroId)),
  // Named `run`: tRPC reserves `apply` (routers are function proxies). Audited as 'macros.run'.
  run: orgProcedure.input(applyMacroInput).mutation(({ ctx, input }) => applyMacro(depsOf(ctx), actorOf(ctx), input)),
});
