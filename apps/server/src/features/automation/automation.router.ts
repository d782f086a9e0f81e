import {
  automationRuleIdInput,
  createAutomationRuleInput,
  listAutomationRulesInput,
  reorderAutomationRulesInput,
  updateAutomationRuleInput,
} from '@perch/shared';
import { orgProcedure, router } from '../../trpc/init.ts';
import { workspaceActor } from '../teams/workspace-actor.ts';
import {
  automationRulesOf,
  createAutomationRule,
  deleteAutomationRule,
  reorderAutomationRules,
  updateAutomationRule,
} from './automation.service.ts';

/** A brand's automation rules (docs/automation.md): managers read and change them; agents cannot. */
export const automationRouter = router({
  list: orgProcedure
    .input(listAutomationRulesInput)
    .query(({ ctx, input }) => automationRulesOf(ctx.db, workspaceActor(ctx), input.brandId)),
  create: orgProcedure
    .input(createAutomationRuleInput)
    .mutation(({ ctx, input }) => createAutomationRule(ctx.db, workspaceActor(ctx), input)),
  update: orgProcedure
    .input(updateAutomationRuleInput)
    .mutation(({ ctx, input }) => updateAutomationRule(ctx.db, workspaceActor(ctx), input)),
  delete: orgProcedure
    .input(automationRuleIdInput)
    .mutation(({ ctx, input }) => deleteAutomationRule(ctx.db, workspaceActor(ctx), input.ruleId)),
  reorder: orgProcedure
    .input(reorderAutomationRulesInput)
    .mutation(({ ctx, input }) => reorderAutomationRules(ctx.db, workspaceActor(ctx), input)),
});
