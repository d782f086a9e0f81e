import { router } from '../../trpc/init.ts';

export const slaRouter = router({});
