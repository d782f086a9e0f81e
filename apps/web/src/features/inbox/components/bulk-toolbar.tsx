import type { BulkAction } from '@perch/shared';
import { PRIORITIES } from '@perch/shared/vocabulary';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { conflictOf, useConflictWords } from '@/features/conversation/conflict.ts';
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
  const conflictWords = useConflictWords();
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
  const tagOptions = lookups.tags.map((tag) => ({ value: tag.id, label: tag.name }));

  return (
    <div className="inbox-bulk" role="toolbar" aria-label={t('inbox.bulk.label')}>
      <span>{t('inbox.bulk.selected', { count: selected.length })}</span>
      <ActionSelect
        label={t('inbox.bulk.assign')}
        disabled={bulk.isPending}
        options={[
          ...(meId ? [{ value: meId, label: t('inbox.bulk.assignMe') }] : []),
          { value: 'none', label: t('inbox.bulk.unassign') },
          ...lookups.agents
            .filter((a) => a.userId !== meId)
            .map((a) => ({ value: a.userId, label: `${a.name} (${t(`inbox.availability.${a.availability}`)})` })),
        ]}
        onPick={(v) => run({ kind: 'assign', assigneeUserId: v === 'none' ? null : v })}
      />
      <ActionSelect
        label={t('inbox.bulk.addTag')}
        disabled={bulk.isPending}
        options={tagOptions}
        onPick={(v) => run({ kind: 'add_tag', tagId: v })}
      />
      <ActionSelect
        label={t('inbox.bulk.removeTag')}
        disabled={bulk.isPending}
        options={tagOptions}
        onPick={(v) => run({ kind: 'remove_tag', tagId: v })}
      />
      <ActionSelect
        label={t('inbox.bulk.status')}
        disabled={bulk.isPending}
        options={BULK_STATUSES.map((s) => ({ value: s, label: t(`inbox.status.${s}`) }))}
        onPick={(v) => run({ kind: 'status', status: v as (typeof BULK_STATUSES)[number] })}
      />
      <ActionSelect
        label={t('inbox.bulk.priority')}
        disabled={bulk.isPending}
        options={PRIORITIES.map((p) => ({ value: p, label: t(`inbox.priority.${p}`) }))}
        onPick={(v) => run({ kind: 'priority', priority: v as (typeof PRIORITIES)[number] })}
      />
      <ActionSelect
        label={t('inbox.bulk.snooze')}
        disabled={bulk.isPending}
        options={SNOOZE_PRESETS.map((p) => ({ value: p, label: t(`inbox.snooze.${p}`) }))}
        onPick={(v) => {
          const preset = SNOOZE_PRESETS.find((p) => p === v);
          if (preset) run({ kind: 'snooze', snoozedUntil: snoozeUntil(preset, new Date()).toISOString() });
        }}
      />
      <button type="button" className="button button-small" onClick={onClear}>
        {t('inbox.bulk.clear')}
      </button>
      {conflict ? (
        <p className="alert alert-error" role="alert">
          {t('inbox.bulk.conflict', { ...conflictWords(conflict), ago: formatRelative(conflict.at, i18n.language) })}
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

/** A select that runs an action when a value is picked, then shows its label again (a menu, not a field). */
function ActionSelect(props: {
  label: string;
  disabled: boolean;
  options: { value: string; label: string }[];
  onPick: (value: string) => void;
}) {
  return (
    <select
      aria-label={props.label}
      defaultValue=""
      disabled={props.disabled}
      onChange={(event) => {
        const value = event.target.value;
        event.target.value = '';
        if (value) props.onPick(value);
      }}
    >
      <option value="">{props.label}</option>
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
