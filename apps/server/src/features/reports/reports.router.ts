import { router } from '../../trpc/init.ts';

export const reportsRouter = router({});
