import { inboxCountsInput, listInboxInput, savedViewCountsInput, searchInboxInput } from '@perch/shared';
import { orgProcedure, router, type Member } from '../../trpc/init.ts';
import { searchInbox } from './inbox-search.service.ts';
import { inboxCounts, listInbox, savedViewCounts, type InboxActor } from './inbox.service.ts';

const inboxActor = (ctx: { user: { id: string }; member: Member }): InboxActor => ({
  userId: ctx.user.id,
  organizationId: ctx.member.organizationId,
  membershipId: ctx.member.membershipId,
  brandIds: ctx.member.brandIds,
});

/** The agent's inbox: views, filters, sorts and keyset pages; live counts; saved view counts; search. */
export const inboxRouter = router({
  list: orgProcedure.input(listInboxInput).query(({ ctx, input }) => listInbox(ctx.db, inboxActor(ctx), input)),
  counts: orgProcedure
    .input(inboxCountsInput)
    .query(({ ctx, input }) => inboxCounts(ctx.db, inboxActor(ctx), input.brandId)),
  savedViewCounts: orgProcedure
    .input(savedViewCountsInput)
    .query(({ ctx, input }) => savedViewCounts(ctx.db, inboxActor(ctx), input.brandId)),
  search: orgProcedure.input(searchInboxInput).query(({ ctx, input }) => searchInbox(ctx.db, inboxActor(ctx), input)),
});
