import { router } from '../../trpc/init.ts';

export const agentsRouter = router({});
