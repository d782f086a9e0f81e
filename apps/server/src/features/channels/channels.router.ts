import {
  channelIdInput,
  configurePollingInput,
  configureReplyWebhookInput,
  createWebhookChannelInput,
  createXChannelInput,
  orgInput,
} from '@perch/shared';
import { orgActor, orgProcedure, router } from '../../trpc/init.ts';
import { listChannelsWithHealth } from './channel-health.ts';
import {
  configurePolling,
  configureReplyWebhook,
  createWebhookChannel,
  createXChannel,
  dismissGapWarning,
  rotateWebhookSecret,
} from './channels.service.ts';

export const channelsRouter = router({
  list: orgProcedure
    .input(orgInput)
    .query(({ ctx }) => listChannelsWithHealth(ctx.db, ctx.config.publicUrl, ctx.member.organizationId)),
  createX: orgProcedure
    .input(createXChannelInput)
    .mutation(({ ctx, input }) => createXChannel(ctx.db, ctx.config, orgActor(ctx), input)),
  createWebhook: orgProcedure
    .input(createWebhookChannelInput)
    .mutation(({ ctx, input }) => createWebhookChannel(ctx.db, ctx.config, orgActor(ctx), input)),
  rotateWebhookSecret: orgProcedure
    .input(channelIdInput)
    .mutation(({ ctx, input }) => rotateWebhookSecret(ctx.db, ctx.config, orgActor(ctx), input.channelId)),
  configurePolling: orgProcedure
    .input(configurePollingInput)
    .mutation(({ ctx, input }) => configurePolling(ctx.db, ctx.queue, orgActor(ctx), input)),
  configureReplyWebhook: orgProcedure
    .input(configureReplyWebhookInput)
    .mutation(({ ctx, input }) =>
      configureReplyWebhook(ctx.db, orgActor(ctx), input, { trustedOrigins: ctx.config.trustedOrigins }),
    ),
  dismissGapWarning: orgProcedure
    .input(channelIdInput)
    .mutation(({ ctx, input }) => dismissGapWarning(ctx.db, orgActor(ctx), input)),
});
