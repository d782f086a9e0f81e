import { router } from '../../trpc/init.ts';

export const savedViewsRouter = router({});
