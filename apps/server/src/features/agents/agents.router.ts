import { listAgentsInput, setAvailabilityInput, setCapacityInput } from '@perch/shared';
import { announced } from '../../live/workspace-events.ts';
import { orgProcedure, router } from '../../trpc/init.ts';
import { workspaceActor } from '../teams/workspace-actor.ts';
import { agentsOf, setAvailabilityFor, setCapacityFor } from './agents.service.ts';

/** Agents: who works conversations, their availability, capacity and current load (changes announced live). */
export const agentsRouter = router({
  list: orgProcedure.input(listAgentsInput).query(({ ctx }) => agentsOf(ctx.db, workspaceActor(ctx))),
  setAvailability: orgProcedure
    .input(setAvailabilityInput)
    .mutation(({ ctx, input }) =>
      announced(ctx, 'agents.changed', setAvailabilityFor(ctx.db, workspaceActor(ctx), input.availability, ctx.queue)),
    ),
  setCapacity: orgProcedure
    .input(setCapacityInput)
    .mutation(({ ctx, input }) =>
      announced(ctx, 'agents.changed', setCapacityFor(ctx.db, workspaceActor(ctx), input, ctx.queue)),
    ),
});
