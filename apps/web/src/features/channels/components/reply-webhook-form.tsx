import { API_BASE_URL_MAX } from '@perch/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { fieldErrorsOf, perchCodeOf } from '@/lib/errors.ts';
import { isApiError, useTRPC, type Channel } from '@/lib/trpc.ts';

/** The server's reason for refusing the URL (S6: private, loopback, metadata…), when it gave one. */
function refusalReason(error: unknown): string | null {
  if (!isApiError(error) || perchCodeOf(error) !== 'VALIDATION') return null;
  const details = error.data?.details;
  if (details?.['field'] !== 'url') return null;
  return typeof details['reason'] === 'string' ? details['reason'] : '';
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** The reply URL, when `channels.list` gives it (config.replyUrl of a webhook channel). */
export function replyUrlOf(channel: Channel): string | null {
  const value: unknown = channel.replyUrl;
  return typeof value === 'string' && value ? value : null;
}

interface ReplyWebhookFormProps {
  organizationId: string;
  channel: Channel;
  onClose: () => void;
}

/**
 * "Replies go to": where Perch POSTs the replies written for a signed-webhook channel's conversations, signed with
 * the channel's secret. Without it, such replies cannot be delivered. The server refuses non-public addresses
 * and says why; empty removes the URL.
 */
export function ReplyWebhookForm({ organizationId, channel, onClose }: ReplyWebhookFormProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const titleId = useId();
  const [current, setCurrent] = useState(replyUrlOf(channel));
  const [url, setUrl] = useState(current ?? '');
  const [urlError, setUrlError] = useState<string | null>(null);

  const save = useMutation(
    trpc.channels.configureReplyWebhook.mutationOptions({
      onSuccess: async (result) => {
        setCurrent(result.replyUrl);
        setUrl(result.replyUrl ?? '');
        await Promise.all([
          queryClient.invalidateQueries(trpc.channels.list.queryFilter({ organizationId })),
          queryClient.invalidateQueries(trpc.audit.list.infiniteQueryFilter({ organizationId })),
        ]);
      },
    }),
  );

  const reason = refusalReason(save.error);
  const serverError =
    reason !== null
      ? reason
        ? t('channels.replyUrlRefusedBecause', { reason })
        : t('channels.apiBaseUrlRefused')
      : fieldErrorsOf(save.error)['url']
        ? t('channels.apiBaseUrlInvalid')
        : null;
  const shownError = urlError ?? serverError;

  const send = (value: string | null) => {
    setUrlError(null);
    save.mutate({ organizationId, channelId: channel.id, url: value });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = url.trim();
    if (trimmed && !isHttpUrl(trimmed)) {
      setUrlError(t('channels.apiBaseUrlInvalid'));
      return;
    }
    send(trimmed || null);
  };

  return (
    <section className="callout" aria-labelledby={titleId} data-testid="reply-webhook-settings">
      <h3 id={titleId}>{t('channels.replyUrlTitle', { name: channel.name })}</h3>
      <p className="muted">{t('channels.replyUrlDescription')}</p>
      <p data-testid="reply-url-current">
        {current
          ? t('channels.replyUrlCurrent', { url: current })
          : 'replyUrl' in channel
            ? t('channels.replyUrlNone')
            : t('channels.replyUrlUnknown')}
      </p>
      <form className="form" onSubmit={submit} noValidate aria-labelledby={titleId}>
        {save.error && shownError === null ? (
          <ErrorMessage error={save.error} overrides={{ NOT_FOUND: t('channels.channelGone') }} />
        ) : null}
        <Field label={t('channels.replyUrl')} hint={t('channels.replyUrlHint')} errors={shownError ? [shownError] : []}>
          <input
            type="text"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            maxLength={API_BASE_URL_MAX}
            placeholder="https://support.example.com/perch/replies"
            value={url}
            onChange={(e) => {
              setUrl(e.target.value);
              setUrlError(null);
              save.reset();
            }}
          />
        </Field>
        {save.isSuccess ? (
          <SuccessMessage>
            {save.data.replyUrl ? t('channels.replyUrlSaved') : t('channels.replyUrlRemoved')}
          </SuccessMessage>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {t('channels.replyUrlSave')}
          </button>
          {current ? (
            <button
              type="button"
              className="button button-danger-outline"
              disabled={save.isPending}
              onClick={() => send(null)}
            >
              {t('channels.replyUrlRemove')}
            </button>
          ) : null}
          <button type="button" className="button" onClick={onClose}>
            {t('channels.pollingClose')}
          </button>
        </div>
      </form>
    </section>
  );
}
