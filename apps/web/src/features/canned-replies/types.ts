import type { AppRouter } from '@perch/server/router';
import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';

type Api = TRPCOptionsProxy<AppRouter>;
export type CannedReply = inferOutput<Api['cannedReplies']['list']>[number];
