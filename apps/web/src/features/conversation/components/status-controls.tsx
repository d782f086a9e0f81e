import { STATUS_TRANSITIONS, type ConversationStatus } from '@perch/shared/vocabulary';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { useFormatDate } from '@/lib/format.ts';
import { parseLocalDateTime, SNOOZE_PRESETS, snoozeUntil } from '../snooze.ts';
import type { ConversationAction } from '../use-conversation-actions.ts';
import { Picker } from './picker.tsx';

interface StatusControlsProps {
  status: ConversationStatus;
  timeZone?: string;
  disabled: boolean;
  snoozeOpen: boolean;
  setSnoozeOpen: (open: boolean) => void;
  run: (action: ConversationAction) => void;
}

/** The status badge and only the transitions the status machine allows from here. */
export function StatusControls({ status, timeZone, disabled, snoozeOpen, setSnoozeOpen, run }: StatusControlsProps) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const [custom, setCustom] = useState<string | null>(null);
  const [customError, setCustomError] = useState('');
  // 'new' is set by ingest only: never a target.
  const allowed = STATUS_TRANSITIONS[status].filter((to): to is Exclude<ConversationStatus, 'new'> => to !== 'new');
  const now = new Date();

  const close = () => {
    setCustom(null);
    setCustomError('');
    setSnoozeOpen(false);
  };
  const snooze = (until: Date) => {
    run({ kind: 'status', status: 'snoozed', snoozedUntil: until.toISOString() });
    close();
  };
  const submitCustom = (event: FormEvent) => {
    event.preventDefault();
    const until = custom ? parseLocalDateTime(custom) : null;
    if (!until || until.getTime() <= Date.now()) {
      setCustomError(t('conversation.snooze.future'));
      return;
    }
    snooze(until);
  };

  return (
    <div className="status-controls" role="group" aria-label={t('conversation.header.status')}>
      <span className={`badge status-${status}`}>{t(`conversation.status.${status}`)}</span>
      {allowed.map((to) =>
        to === 'snoozed' ? (
          <button
            key={to}
            type="button"
            className="button button-small"
            aria-haspopup="dialog"
            aria-expanded={snoozeOpen}
            data-picker-trigger="snooze"
            disabled={disabled}
            onClick={() => setSnoozeOpen(!snoozeOpen)}
          >
            {t('conversation.actions.snooze')}
          </button>
        ) : (
          <button
            key={to}
            type="button"
            className={to === 'resolved' ? 'button button-small button-primary' : 'button button-small'}
            disabled={disabled}
            onClick={() => run({ kind: 'status', status: to })}
          >
            {to === 'open' && status === 'resolved'
              ? t('conversation.actions.reopen')
              : t(`conversation.actions.${to}`)}
          </button>
        ),
      )}
      {snoozeOpen && custom === null ? (
        <Picker
          label={t('conversation.snooze.label')}
          options={[
            ...SNOOZE_PRESETS.map((preset) => ({
              id: preset,
              label: t(`conversation.snooze.${preset}`),
              hint: formatDate(snoozeUntil(preset, now, timeZone), { timeZone }),
            })),
            { id: 'custom', label: t('conversation.snooze.custom') },
          ]}
          onSelect={(id) => {
            if (id === 'custom') setCustom('');
            else snooze(snoozeUntil(id as (typeof SNOOZE_PRESETS)[number], new Date(), timeZone));
          }}
          onClose={() => {
            if (custom === null) close();
          }}
          multiple
        />
      ) : null}
      {snoozeOpen && custom !== null ? (
        <form className="picker" onSubmit={submitCustom} aria-label={t('conversation.snooze.custom')}>
          <label className="field">
            <span>{t('conversation.snooze.until')}</span>
            <input
              type="datetime-local"
              autoFocus
              value={custom}
              onChange={(e) => setCustom(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.preventDefault();
                  close();
                }
              }}
            />
          </label>
          {customError ? <p className="field-error">{customError}</p> : null}
          <button type="submit" className="button button-small button-primary">
            {t('conversation.actions.snooze')}
          </button>
        </form>
      ) : null}
    </div>
  );
}
