import {
  addVipInput,
  brandRulesInput,
  createKeywordRuleInput,
  keywordRuleIdInput,
  reorderKeywordRulesInput,
  updateKeywordRuleInput,
  vipIdInput,
} from '@perch/shared';
import { orgActor, orgProcedure, router, type Member } from '../../trpc/init.ts';
import {
  addVipFor,
  createKeywordRuleFor,
  deleteKeywordRuleFor,
  keywordRulesOf,
  removeVipFor,
  reorderKeywordRulesFor,
  updateKeywordRuleFor,
  vipsOf,
  type RulesActor,
} from './rules.service.ts';

const rulesActor = (ctx: Parameters<typeof orgActor>[0] & { member: Member }): RulesActor => ({
  ...orgActor(ctx),
  brandIds: ctx.member.brandIds,
});

/** Brand keyword rules and VIP lists: managers and above change them; agents read them (why was this urgent?). */
export const rulesRouter = router({
  listKeywordRules: orgProcedure
    .input(brandRulesInput)
    .query(({ ctx, input }) => keywordRulesOf(ctx.db, rulesActor(ctx), input.brandId)),
  createKeywordRule: orgProcedure
    .input(createKeywordRuleInput)
    .mutation(({ ctx, input }) => createKeywordRuleFor(ctx.db, rulesActor(ctx), input)),
  updateKeywordRule: orgProcedure
    .input(updateKeywordRuleInput)
    .mutation(({ ctx, input }) => updateKeywordRuleFor(ctx.db, rulesActor(ctx), input)),
  deleteKeywordRule: orgProcedure
    .input(keywordRuleIdInput)
    .mutation(({ ctx, input }) => deleteKeywordRuleFor(ctx.db, rulesActor(ctx), input.ruleId)),
  reorderKeywordRules: orgProcedure
    .input(reorderKeywordRulesInput)
    .mutation(({ ctx, input }) => reorderKeywordRulesFor(ctx.db, rulesActor(ctx), input)),
  listVips: orgProcedure
    .input(brandRulesInput)
    .query(({ ctx, input }) => vipsOf(ctx.db, rulesActor(ctx), input.brandId)),
  addVip: orgProcedure.input(addVipInput).mutation(({ ctx, input }) => addVipFor(ctx.db, rulesActor(ctx), input)),
  removeVip: orgProcedure
    .input(vipIdInput)
    .mutation(({ ctx, input }) => removeVipFor(ctx.db, rulesActor(ctx), input.vipId)),
});
