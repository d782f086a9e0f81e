import { router } from '../../trpc/init.ts';

export const tagsRouter = router({});
