import type { BulkAction } from '@perch/shared';
import { PRIORITIES } from '@perch/shared/vocabulary';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/error-message.tsx';
import { conflictOf } from '@/features/conversation/conflict.ts';
import { SNOOZE_PRESETS, snoozeUntil } from '@/features/conversation/snooze.ts';
import { formatRelative } from '@/lib/format.ts';
import { useTRPC } from '@/lib/trpc.ts';
import type { InboxLookups } from '../hooks/use-inbox-lookups.ts';
import type { ListRow } from '../hooks/use-inbox-list.ts';

interface BulkToolbarProps {
  organizationId: string;
  /** The selected rows that are loaded (each with the version the agent saw). */
  selected: ListRow[];
  lookups: InboxLookups;
  meId: string | null;
  onDone: () => void;
  onConflict: () => void;
  onClear: () => void;
}

const BULK_STATUSES = ['open', 'pending', 'resolved'] as const;

/**
 * Actions on the selection: assign, tag, status, priority, snooze — one `conversations.bulk` call, all or nothing.
 * A stale row makes the server answer CONFLICT naming who changed what: we say so, refetch, keep the selection.
 */
export function BulkToolbar({
  organizationId,
  selected,
  lookups,
  meId,
  onDone,
  onConflict,
  onClear,
}: BulkToolbarProps) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const [done, setDone] = useState<number | null>(null);
  const bulk = useMutation(
    trpc.conversations.bulk.mutationOptions({
      onSuccess: (result) => {
        setDone(result.changed);
        onDone();
      },
      onError: (error) => {
        if (conflictOf(error)) onConflict();
      },
    }),
  );
  const run = (action: BulkAction) => {
    setDone(null);
    bulk.mutate({
      organizationId,
      items: selected.map((row) => ({ conversationId: row.id, expectedVersion: row.version })),
      action,
    });
  };
  const conflict = conflictOf(bulk.error);
  const pick = (handler: (value: string) => void) => (event: React.ChangeEvent<HTMLSelectElement>) => {
    const value = event.target.value;
    event.target.value = '';
    if (value) handler(value);
  };

  return (
    <div className="inbox-bulk" role="toolbar" aria-label={t('inbox.bulk.label')}>
      <span>{t('inbox.bulk.selected', { count: selected.length })}</span>
      <select
        aria-label={t('inbox.bulk.assign')}
        defaultValue=""
        disabled={bulk.isPending}
        onChange={pick((v) => run({ kind: 'assign', assigneeUserId: v === 'none' ? null : v }))}
      >
        <option value="">{t('inbox.bulk.assign')}</option>
        {meId ? <option value={meId}>{t('inbox.bulk.assignMe')}</option> : null}
        <option value="none">{t('inbox.bulk.unassign')}</option>
        {lookups.agents
          .filter((a) => a.userId !== meId)
          .map((a) => (
            <option key={a.userId} value={a.userId}>
              {a.name} ({t(`inbox.availability.${a.availability}`)})
            </option>
          ))}
      </select>
      <select
        aria-label={t('inbox.bulk.addTag')}
        defaultValue=""
        disabled={bulk.isPending}
        onChange={pick((v) => run({ kind: 'add_tag', tagId: v }))}
      >
        <option value="">{t('inbox.bulk.addTag')}</option>
        {lookups.tags.map((tag) => (
          <option key={tag.id} value={tag.id}>
            {tag.name}
          </option>
        ))}
      </select>
      <select
        aria-label={t('inbox.bulk.removeTag')}
        defaultValue=""
        disabled={bulk.isPending}
        onChange={pick((v) => run({ kind: 'remove_tag', tagId: v }))}
      >
        <option value="">{t('inbox.bulk.removeTag')}</option>
        {lookups.tags.map((tag) => (
          <option key={tag.id} value={tag.id}>
            {tag.name}
          </option>
        ))}
      </select>
      <select
        aria-label={t('inbox.bulk.status')}
        defaultValue=""
        disabled={bulk.isPending}
        onChange={pick((v) => run({ kind: 'status', status: v as (typeof BULK_STATUSES)[number] }))}
      >
        <option value="">{t('inbox.bulk.status')}</option>
        {BULK_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`inbox.status.${s}`)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('inbox.bulk.priority')}
        defaultValue=""
        disabled={bulk.isPending}
        onChange={pick((v) => run({ kind: 'priority', priority: v as (typeof PRIORITIES)[number] }))}
      >
        <option value="">{t('inbox.bulk.priority')}</option>
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {t(`inbox.priority.${p}`)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('inbox.bulk.snooze')}
        defaultValue=""
        disabled={bulk.isPending}
        onChange={pick((v) => {
          const preset = SNOOZE_PRESETS.find((p) => p === v);
          if (preset) run({ kind: 'snooze', snoozedUntil: snoozeUntil(preset, new Date()).toISOString() });
        })}
      >
        <option value="">{t('inbox.bulk.snooze')}</option>
        {SNOOZE_PRESETS.map((p) => (
          <option key={p} value={p}>
            {t(`inbox.snooze.${p}`)}
          </option>
        ))}
      </select>
      <button type="button" className="button button-small" onClick={onClear}>
        {t('inbox.bulk.clear')}
      </button>
      {conflict ? (
        <p className="alert alert-error" role="alert">
          {t('inbox.bulk.conflict', {
            actor: conflict.actorName ?? t('inbox.bulk.someone'),
            what: conflict.what,
            ago: formatRelative(conflict.at, i18n.language),
          })}
        </p>
      ) : (
        <ErrorMessage error={bulk.error} />
      )}
      {done !== null ? (
        <p className="alert alert-success" role="status">
          {t('inbox.bulk.done', { count: done })}
        </p>
      ) : null}
    </div>
  );
}
