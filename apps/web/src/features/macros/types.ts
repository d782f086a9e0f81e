import type { AppRouter } from '@perch/server/router';
import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';

type Api = TRPCOptionsProxy<AppRouter>;
export type Macro = inferOutput<Api['macros']['list']>[number];
export type { MacroAction } from '@perch/shared';

/** What the page needs from `tags.list` and `teams.list` to name a macro's tags and teams. */
export interface MacroTag {
  id: string;
  brandId: string;
  name: string;
}
export interface MacroTeam {
  id: string;
  name: string;
  /** Empty: serves every brand. */
  brandIds: string[];
}
