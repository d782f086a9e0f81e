import { API_BASE_URL_MAX, POLLING_INTERVAL } from '@perch/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { fieldErrorsOf, formatWait, perchCodeOf } from '@/lib/errors.ts';
import { isApiError, useTRPC, type Channel } from '@/lib/trpc.ts';

/** Intervals offered, in seconds (the server accepts any whole number in POLLING_INTERVAL). */
const PRESETS = [30, 60, 120, 300, 600, 900, 1800, 3600];

function refusedField(error: unknown): string | null {
  if (!isApiError(error) || perchCodeOf(error) !== 'VALIDATION') return null;
  const field = error.data?.details?.['field'];
  return typeof field === 'string' ? field : null;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

interface PollingSettingsFormProps {
  organizationId: string;
  channel: Channel & { polling: NonNullable<Channel['polling']> };
  onClose: () => void;
}

/**
 * Polling of one X channel, for accounts without the Account Activity webhook: on/off, the interval, and in
 * "Advanced" the API base URL (X's by default). The server refuses private destinations (S6) and says which field.
 */
export function PollingSettingsForm({ organizationId, channel, onClose }: PollingSettingsFormProps) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const titleId = useId();
  const current = channel.polling;
  const [enabled, setEnabled] = useState(current.enabled);
  const [intervalSeconds, setIntervalSeconds] = useState(current.intervalSeconds);
  const [apiBaseUrl, setApiBaseUrl] = useState(current.apiBaseUrl ?? '');
  const [urlError, setUrlError] = useState<string | null>(null);

  const save = useMutation(
    trpc.channels.configurePolling.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.channels.list.queryFilter({ organizationId })),
          queryClient.invalidateQueries(trpc.audit.list.infiniteQueryFilter({ organizationId })),
        ]);
      },
    }),
  );

  const serverUrlError =
    refusedField(save.error) === 'apiBaseUrl'
      ? t('channels.apiBaseUrlRefused')
      : fieldErrorsOf(save.error)['apiBaseUrl']
        ? t('channels.apiBaseUrlInvalid')
        : null;
  const shownUrlError = urlError ?? serverUrlError;
  const fieldLevel = shownUrlError !== null || Object.keys(fieldErrorsOf(save.error)).length > 0;
  const intervals = PRESETS.includes(intervalSeconds) ? PRESETS : [...PRESETS, intervalSeconds].sort((a, b) => a - b);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const url = apiBaseUrl.trim();
    if (url && !isHttpUrl(url)) {
      setUrlError(t('channels.apiBaseUrlInvalid'));
      return;
    }
    setUrlError(null);
    save.mutate({ organizationId, channelId: channel.id, enabled, intervalSeconds, apiBaseUrl: url || null });
  };

  return (
    <section className="callout" aria-labelledby={titleId} data-testid="polling-settings">
      <h3 id={titleId}>{t('channels.pollingTitle', { name: channel.name })}</h3>
      <p className="muted">{t('channels.pollingDescription')}</p>
      <form className="form" onSubmit={submit} noValidate aria-labelledby={titleId}>
        {save.error && !fieldLevel ? (
          <ErrorMessage error={save.error} overrides={{ NOT_FOUND: t('channels.channelGone') }} />
        ) : null}
        <label className="checkbox">
          <input
            type="checkbox"
            checked={enabled}
            onChange={(e) => {
              setEnabled(e.target.checked);
              save.reset();
            }}
          />
          {t('channels.pollingEnabled')}
        </label>
        <Field
          label={t('channels.pollingInterval')}
          hint={t('channels.pollingIntervalHint', {
            min: formatWait(POLLING_INTERVAL.min, i18n.language),
            max: formatWait(POLLING_INTERVAL.max, i18n.language),
          })}
        >
          <select value={intervalSeconds} onChange={(e) => setIntervalSeconds(Number(e.target.value))}>
            {intervals.map((seconds) => (
              <option key={seconds} value={seconds}>
                {formatWait(seconds, i18n.language)}
              </option>
            ))}
          </select>
        </Field>
        <details open={Boolean(current.apiBaseUrl) || shownUrlError !== null}>
          <summary>{t('channels.pollingAdvanced')}</summary>
          <Field
            label={t('channels.apiBaseUrl')}
            hint={t('channels.apiBaseUrlHint')}
            errors={shownUrlError ? [shownUrlError] : []}
          >
            <input
              type="text"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              maxLength={API_BASE_URL_MAX}
              placeholder="https://api.x.com"
              value={apiBaseUrl}
              onChange={(e) => {
                setApiBaseUrl(e.target.value);
                setUrlError(null);
              }}
            />
          </Field>
        </details>
        {save.isSuccess ? <SuccessMessage>{t('channels.pollingSaved')}</SuccessMessage> : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {t('channels.pollingSave')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('channels.pollingClose')}
          </button>
        </div>
      </form>
    </section>
  );
}
