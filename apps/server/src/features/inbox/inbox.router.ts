import { router } from '../../trpc/init.ts';

export const inboxRouter = router({});
