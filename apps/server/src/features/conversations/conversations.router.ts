import { router } from '../../trpc/init.ts';

export const conversationsRouter = router({});
