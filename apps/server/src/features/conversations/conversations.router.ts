import {
  addCustomerNoteInput,
  addNoteInput,
  assignInput,
  bulkInput,
  changeStatusInput,
  changeTagsInput,
  claimInput,
  conversationIdInput,
  getNextInput,
  presenceInput,
  presenceOfInput,
  setPriorityInput,
  setTeamInput,
} from '@perch/shared';
import { orgActor, orgProcedure, router, type OrgContext } from '../../trpc/init.ts';
import { bulk } from './bulk.service.ts';
import { conversationDetail } from './conversation-detail.service.ts';
import { assign, changeStatus, changeTags, claim, setPriority, setTeam } from './conversations.service.ts';
import { addCustomerNote, addNote, getNext } from './notes.service.ts';
import { heartbeat, presenceOf } from './presence.service.ts';
import type { WorkActor, WorkDeps } from './work-context.ts';

const actorOf = (ctx: OrgContext): WorkActor => ({ ...orgActor(ctx), brandIds: ctx.member.brandIds });
const depsOf = (ctx: OrgContext): WorkDeps => ({ db: ctx.db, bus: ctx.bus, queue: ctx.queue });

/** Working a conversation: detail, status, assignment, team, priority, tags, notes, bulk, "get next", presence. */
export const conversationsRouter = router({
  get: orgProcedure
    .input(conversationIdInput)
    .query(({ ctx, input }) => conversationDetail(ctx.db, actorOf(ctx), input.conversationId)),
  changeStatus: orgProcedure
    .input(changeStatusInput)
    .mutation(({ ctx, input }) => changeStatus(depsOf(ctx), actorOf(ctx), input)),
  assign: orgProcedure.input(assignInput).mutation(({ ctx, input }) => assign(depsOf(ctx), actorOf(ctx), input)),
  claim: orgProcedure.input(claimInput).mutation(({ ctx, input }) => claim(depsOf(ctx), actorOf(ctx), input)),
  setTeam: orgProcedure.input(setTeamInput).mutation(({ ctx, input }) => setTeam(depsOf(ctx), actorOf(ctx), input)),
  setPriority: orgProcedure
    .input(setPriorityInput)
    .mutation(({ ctx, input }) => setPriority(depsOf(ctx), actorOf(ctx), input)),
  changeTags: orgProcedure
    .input(changeTagsInput)
    .mutation(({ ctx, input }) => changeTags(depsOf(ctx), actorOf(ctx), input)),
  addNote: orgProcedure.input(addNoteInput).mutation(({ ctx, input }) => addNote(depsOf(ctx), actorOf(ctx), input)),
  addCustomerNote: orgProcedure
    .input(addCustomerNoteInput)
    .mutation(({ ctx, input }) => addCustomerNote(depsOf(ctx), actorOf(ctx), input)),
  getNext: orgProcedure.input(getNextInput).mutation(({ ctx, input }) => getNext(depsOf(ctx), actorOf(ctx), input)),
  bulk: orgProcedure.input(bulkInput).mutation(({ ctx, input }) => bulk(depsOf(ctx), actorOf(ctx), input)),
  /** A heartbeat (memory and live bus only, not audited: see docs/conversations.md). */
  presence: orgProcedure.input(presenceInput).mutation(({ ctx, input }) => heartbeat(depsOf(ctx), actorOf(ctx), input)),
  presenceOf: orgProcedure
    .input(presenceOfInput)
    .query(({ ctx, input }) => presenceOf(depsOf(ctx), actorOf(ctx), input)),
});
