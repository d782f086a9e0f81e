import { router } from '../../trpc/init.ts';

export const teamsRouter = router({});
