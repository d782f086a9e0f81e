import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { TableHead } from '@/components/table-head.tsx';
import { useFormatDate } from '@/lib/format.ts';
import { useTRPC, type Channel, type RotatedWebhookSecret } from '@/lib/trpc.ts';
import { ChannelHealth } from './channel-health.tsx';
import { CopyUrl } from './copy-url.tsx';
import { OneTimeSecret } from './one-time-secret.tsx';
import { PollingSettingsForm } from './polling-settings-form.tsx';
import { ReplyWebhookForm } from './reply-webhook-form.tsx';

interface ChannelsTableProps {
  organizationId: string;
  channels: readonly Channel[];
  brandName: (brandId: string) => string;
  /** Owners and admins may rotate webhook secrets, set X polling and dismiss gap warnings. */
  manage: boolean;
}

export function ChannelsTable({ organizationId, channels, brandName, manage }: ChannelsTableProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formatDate = useFormatDate();
  const [rotating, setRotating] = useState<Channel | null>(null);
  const [rotated, setRotated] = useState<{ channel: Channel; result: RotatedWebhookSecret } | null>(null);
  const [pollingOf, setPollingOf] = useState<string | null>(null);
  const pollingChannel = channels.find((c) => c.id === pollingOf);
  const [replyTargetOf, setReplyTargetOf] = useState<string | null>(null);
  const replyUrlChannel = channels.find((c) => c.id === replyTargetOf && c.kind === 'webhook');

  const rotate = useMutation(
    trpc.channels.rotateWebhookSecret.mutationOptions({
      onSuccess: async (result) => {
        if (rotating) setRotated({ channel: rotating, result });
        setRotating(null);
        await queryClient.invalidateQueries(trpc.audit.list.infiniteQueryFilter({ organizationId }));
      },
    }),
  );

  const dismissGap = useMutation(
    trpc.channels.dismissGapWarning.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.channels.list.queryFilter({ organizationId })),
          queryClient.invalidateQueries(trpc.audit.list.infiniteQueryFilter({ organizationId })),
        ]);
      },
    }),
  );

  return (
    <>
      <ErrorMessage error={dismissGap.error} />
      {rotated ? (
        <OneTimeSecret
          title={t('channels.rotatedTitle', { name: rotated.channel.name })}
          secret={rotated.result.signingSecret}
          onDismiss={() => setRotated(null)}
        >
          <p data-testid="channel-previous-valid-until">
            {t('channels.rotatedHelp', { date: formatDate(rotated.result.previousValidUntil) })}
          </p>
        </OneTimeSecret>
      ) : null}
      <div className="table-wrap">
        <table className="table" data-testid="channels-table">
          <TableHead
            columns={[
              t('channels.name'),
              t('channels.kind'),
              t('channels.brand'),
              t('channels.webhookUrl'),
              t('channels.health'),
            ]}
            actions={manage}
          />
          <tbody>
            {channels.map((channel) => (
              <tr key={channel.id} data-testid={`channel-${channel.id}`}>
                <td>
                  {channel.name}
                  {channel.externalId ? (
                    <span className="subtle">{t('channels.externalId', { id: channel.externalId })}</span>
                  ) : null}
                </td>
                <td>{t(`channels.kinds.${channel.kind}`)}</td>
                <td>{brandName(channel.brandId)}</td>
                <td>
                  {channel.webhookUrl ? (
                    <CopyUrl url={channel.webhookUrl} label={t('channels.copyUrlOf', { name: channel.name })} />
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td>
                  <ChannelHealth
                    channel={channel}
                    onDismissGap={
                      manage && !dismissGap.isPending
                        ? () => dismissGap.mutate({ organizationId, channelId: channel.id })
                        : undefined
                    }
                  />
                </td>
                {manage ? (
                  <td className="cell-actions">
                    {channel.kind === 'webhook' ? (
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={t('channels.rotateOf', { name: channel.name })}
                        onClick={() => {
                          rotate.reset();
                          setRotating(channel);
                        }}
                      >
                        {t('channels.rotate')}
                      </button>
                    ) : null}
                    {channel.kind === 'webhook' ? (
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={t('channels.replyUrlOf', { name: channel.name })}
                        aria-expanded={replyTargetOf === channel.id}
                        onClick={() => setReplyTargetOf(replyTargetOf === channel.id ? null : channel.id)}
                      >
                        {t('channels.replyUrlButton')}
                      </button>
                    ) : null}
                    {channel.polling ? (
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={t('channels.pollingOf', { name: channel.name })}
                        aria-expanded={pollingOf === channel.id}
                        onClick={() => setPollingOf(pollingOf === channel.id ? null : channel.id)}
                      >
                        {t('channels.polling')}
                      </button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {manage && pollingChannel?.polling ? (
        <PollingSettingsForm
          key={pollingChannel.id}
          organizationId={organizationId}
          channel={{ ...pollingChannel, polling: pollingChannel.polling }}
          onClose={() => setPollingOf(null)}
        />
      ) : null}
      {manage && replyUrlChannel ? (
        <ReplyWebhookForm
          key={replyUrlChannel.id}
          organizationId={organizationId}
          channel={replyUrlChannel}
          onClose={() => setReplyTargetOf(null)}
        />
      ) : null}
      {rotating ? (
        <ConfirmDialog
          title={t('channels.rotateTitle', { name: rotating.name })}
          confirmLabel={t('channels.rotateConfirm')}
          pending={rotate.isPending}
          error={<ErrorMessage error={rotate.error} />}
          onCancel={() => setRotating(null)}
          onConfirm={() => rotate.mutate({ organizationId, channelId: rotating.id })}
        >
          <p>{t('channels.rotateWarning')}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
