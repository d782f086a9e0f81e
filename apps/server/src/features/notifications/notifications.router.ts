import { router } from '../../trpc/init.ts';

export const notificationsRouter = router({});
