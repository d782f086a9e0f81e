import type { AppRouter } from '@perch/server/router';
import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';

type Api = TRPCOptionsProxy<AppRouter>;
export type Tag = inferOutput<Api['tags']['list']>[number];
export type TagUsage = inferOutput<Api['tags']['usage']>;

/** Same rule as the server's tagColorSchema (#rrggbb). */
export const TAG_COLOR = /^#[0-9a-fA-F]{6}$/;
