import { useTranslation } from '@/lib/use-translation.tsx';
import { formatWait } from '@/lib/errors.ts';
import { formatRelative, useFormatDate } from '@/lib/format.ts';
import type { Channel } from '@/lib/trpc.ts';

type PollingGap = NonNullable<NonNullable<Channel['polling']>['gap']>;

/** A moment as "5 minutes ago" / "in 2 minutes", with the exact time on hover and for assistive technology. */
function When({ value }: { value: string }) {
  const { i18n } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <time dateTime={value} title={formatDate(value)}>
      {formatRelative(value, i18n.language)}
    </time>
  );
}

/** R5: X's 800-mention window may have cut mentions off; the range, by time when known, else by post id. */
export function GapWarning({
  gap,
  onDismiss,
  dismissLabel,
}: {
  gap: PollingGap;
  onDismiss?: (() => void) | undefined;
  dismissLabel?: string;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const from = gap.since ? formatDate(gap.since) : t('channels.gapPost', { id: gap.newestKnownId });
  const to = gap.until ? formatDate(gap.until) : t('channels.gapPost', { id: gap.oldestFetchedId });
  return (
    <span className="health-error" data-testid="channel-gap">
      {t('channels.gapWarning', { from, to })}
      {onDismiss ? (
        <>
          {' '}
          <button type="button" className="button button-small" aria-label={dismissLabel} onClick={onDismiss}>
            {t('channels.gapDismiss')}
          </button>
        </>
      ) : null}
    </span>
  );
}

interface ChannelHealthProps {
  channel: Channel;
  /** Given to owners and admins: dismisses the gap warning. */
  onDismissGap?: (() => void) | undefined;
}

/**
 * The health of a channel: its last event (relative, with the exact time) and last error, the inbound events
 * received today (in the brand's time zone) and still waiting to be processed, and for X channels the polling
 * state and any gap warning.
 */
export function ChannelHealth({ channel, onDismissGap }: ChannelHealthProps) {
  const { t, i18n } = useTranslation();
  const formatDate = useFormatDate();
  const polling = channel.polling;
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
      <span data-testid="channel-figures">
        {t('channels.eventsToday', { n: channel.eventsToday })} ·{' '}
        <span className={channel.backlog > 0 ? 'health-error' : undefined}>
          {t('channels.backlog', { n: channel.backlog })}
        </span>
      </span>
      {polling ? (
        <span className="subtle" data-testid="channel-polling">
          {polling.enabled
            ? t('channels.pollingEvery', { interval: formatWait(polling.intervalSeconds, i18n.language) })
            : t('channels.pollingOff')}
          {polling.lastPolledAt ? (
            <>
              {' · '}
              {t('channels.lastPoll')} <When value={polling.lastPolledAt} />
            </>
          ) : null}
          {polling.nextPollAt ? (
            <>
              {' · '}
              {t('channels.nextPoll')} <When value={polling.nextPollAt} />
            </>
          ) : null}
        </span>
      ) : null}
      {polling?.gap ? (
        <GapWarning
          gap={polling.gap}
          onDismiss={onDismissGap}
          dismissLabel={t('channels.gapDismissOf', { name: channel.name })}
        />
      ) : null}
      {channel.lastError ? (
        <span className="health-error">
          {t('channels.lastError')} {channel.lastError}
        </span>
      ) : null}
    </div>
  );
}
