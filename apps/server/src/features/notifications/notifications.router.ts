import { listNotificationsInput, markNotificationsReadInput, orgInput } from '@perch/shared';
import { orgActor, orgProcedure, router } from '../../trpc/init.ts';
import { listNotifications, markNotificationsRead, unreadCount } from './notifications.service.ts';

/** The caller's own in-app notifications (a teammate mentioned them in a note, assigned them a conversation…). */
export const notificationsRouter = router({
  list: orgProcedure
    .input(listNotificationsInput)
    .query(({ ctx, input }) => listNotifications(ctx.db, orgActor(ctx), input)),
  unreadCount: orgProcedure.input(orgInput).query(({ ctx }) => unreadCount(ctx.db, orgActor(ctx))),
  markRead: orgProcedure
    .input(markNotificationsReadInput)
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.db, orgActor(ctx), input)),
});
