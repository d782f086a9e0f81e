import { channelIdInput, createWebhookChannelInput, createXChannelInput, orgInput } from '@perch/shared';
import { orgActor, orgProcedure, router } from '../../trpc/init.ts';
import { listChannels } from './channels.repository.ts';
import { createWebhookChannel, createXChannel, ingestUrl, rotateWebhookSecret } from './channels.service.ts';

export const channelsRouter = router({
  list: orgProcedure.input(orgInput).query(async ({ ctx }) => {
    const channels = await listChannels(ctx.db, ctx.member.organizationId);
    return channels.map((c) => ({
      ...c,
      webhookUrl: c.kind === 'x' || c.kind === 'webhook' ? ingestUrl(ctx.config.publicUrl, c.kind, c.id) : null,
    }));
  }),
  createX: orgProcedure
    .input(createXChannelInput)
    .mutation(({ ctx, input }) => createXChannel(ctx.db, ctx.config, orgActor(ctx), input)),
  createWebhook: orgProcedure
    .input(createWebhookChannelInput)
    .mutation(({ ctx, input }) => createWebhookChannel(ctx.db, ctx.config, orgActor(ctx), input)),
  rotateWebhookSecret: orgProcedure
    .input(channelIdInput)
    .mutation(({ ctx, input }) => rotateWebhookSecret(ctx.db, ctx.config, orgActor(ctx), input.channelId)),
});
