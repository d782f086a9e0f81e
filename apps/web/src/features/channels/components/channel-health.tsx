import { useTranslation } from 'react-i18next';
import { formatRelative, useFormatDate } from '@/lib/format.ts';
import type { Channel } from '@/lib/trpc.ts';

/** When the channel last received an event (relative, with the exact time), and its last error in red. */
export function ChannelHealth({ channel }: { channel: Channel }) {
  const { t, i18n } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <div className="channel-health">
      {channel.lastEventAt ? (
        <span>
          {t('channels.lastEvent')}{' '}
          <time dateTime={channel.lastEventAt} title={formatDate(channel.lastEventAt)}>
            {formatRelative(channel.lastEventAt, i18n.language)}
          </time>
          <span className="subtle">{formatDate(channel.lastEventAt)}</span>
        </span>
      ) : (
        <span className="muted">{t('channels.noEvents')}</span>
      )}
      {channel.lastError ? (
        <span className="health-error">
          {t('channels.lastError')} {channel.lastError}
        </span>
      ) : null}
    </div>
  );
}
