import type { SavedViewDefinition } from '@perch/shared';
import { WORKSPACE_LIMITS } from '@perch/shared/vocabulary';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { useTRPC } from '@/lib/trpc.ts';
import { InboxDialog } from './inbox-dialog.tsx';

export interface SaveViewProps {
  organizationId: string;
  definition: SavedViewDefinition;
  /** Managers may share a view with the whole organization. */
  canShare: boolean;
  onClose: () => void;
  onSaved: (viewId: string) => void;
}

/** Saves the current view, filters and sort under a name (personal, or shared for managers). */
export function SaveViewDialog({ organizationId, definition, canShare, onClose, onSaved }: SaveViewProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const nameId = useId();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const create = useMutation(
    trpc.savedViews.create.mutationOptions({
      onSuccess: async (created) => {
        await queryClient.invalidateQueries({ queryKey: trpc.savedViews.list.pathKey() });
        onSaved(created.id);
      },
    }),
  );
  return (
    <InboxDialog title={t('inbox.views.saveTitle')} onClose={onClose}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!name.trim()) return;
          create.mutate({ organizationId, name: name.trim(), shared: canShare && shared, definition });
        }}
      >
        <div className="field">
          <label htmlFor={nameId}>{t('inbox.views.name')}</label>
          <input
            id={nameId}
            value={name}
            required
            maxLength={WORKSPACE_LIMITS.savedViewName}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        {canShare ? (
          <label className="checkbox">
            <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
            {t('inbox.views.shareWithTeam')}
          </label>
        ) : null}
        <ErrorMessage error={create.error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {t('inbox.views.save')}
          </button>
        </div>
      </form>
    </InboxDialog>
  );
}
