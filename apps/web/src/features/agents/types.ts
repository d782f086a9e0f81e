import type { AppRouter } from '@perch/server/router';
import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';

type Api = TRPCOptionsProxy<AppRouter>;
export type Agent = inferOutput<Api['agents']['list']>[number];
export type Availability = Agent['availability'];

/** As AVAILABILITIES in @perch/shared (not imported: the header's toggle is on the first load, without zod). */
export const AVAILABILITY_STATES = ['online', 'away', 'offline'] as const satisfies readonly Availability[];
/** As WORKING_ROLES in @perch/shared: the roles that work conversations and have an availability. */
export const WORKING_ROLES: readonly string[] = ['owner', 'admin', 'manager', 'agent'];
