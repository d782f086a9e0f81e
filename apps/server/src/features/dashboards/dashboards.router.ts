import { router } from '../../trpc/init.ts';

export const dashboardsRouter = router({});
