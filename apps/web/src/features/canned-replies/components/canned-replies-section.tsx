import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { useTRPC } from '@/lib/trpc.ts';
import type { CannedReply } from '../types.ts';
import { CannedRepliesTable } from './canned-replies-table.tsx';
import { CannedReplyForm } from './canned-reply-form.tsx';

interface CannedRepliesSectionProps {
  organizationId: string;
  brandId: string;
  brandName: string;
}

/** A brand's canned replies, and the forms to add, edit and delete them. */
export function CannedRepliesSection({ organizationId, brandId, brandName }: CannedRepliesSectionProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const scope = { organizationId, brandId };
  const cannedReplies = useQuery(trpc.cannedReplies.list.queryOptions(scope));
  const [editing, setEditing] = useState<CannedReply | null>(null);
  const [deleting, setDeleting] = useState<CannedReply | null>(null);
  const [notice, setNotice] = useState('');
  const [createKey, setCreateKey] = useState(0);

  const affected = () =>
    Promise.all([
      // Every list of canned replies (this page's and the composer's `/` menu, with its searches).
      queryClient.invalidateQueries(trpc.cannedReplies.list.pathFilter()),
      queryClient.invalidateQueries(trpc.audit.list.infiniteQueryFilter({ organizationId })),
    ]);
  const create = useMutation(
    trpc.cannedReplies.create.mutationOptions({
      onSuccess: async (canned) => {
        setNotice(t('cannedReplies.created', { name: canned.name }));
        setCreateKey((k) => k + 1);
        await affected();
      },
    }),
  );
  const update = useMutation(
    trpc.cannedReplies.update.mutationOptions({
      onSuccess: async (canned) => {
        setNotice(t('cannedReplies.updated', { name: canned.name }));
        setEditing(null);
        await affected();
      },
    }),
  );
  const remove = useMutation(
    trpc.cannedReplies.delete.mutationOptions({
      onSuccess: async () => {
        if (deleting) setNotice(t('cannedReplies.deleted', { name: deleting.name }));
        if (editing?.id === deleting?.id) setEditing(null);
        setDeleting(null);
        await affected();
      },
    }),
  );

  const list = cannedReplies.data ?? [];
  return (
    <section className="card" aria-labelledby="canned-replies-list">
      <h2 id="canned-replies-list">{t('cannedReplies.listTitle', { brand: brandName })}</h2>
      <SuccessMessage>{notice}</SuccessMessage>
      {cannedReplies.isPending ? <Loading /> : null}
      <ErrorMessage error={cannedReplies.error} />
      {cannedReplies.data && list.length === 0 ? <p className="muted">{t('cannedReplies.empty')}</p> : null}
      {list.length > 0 ? (
        <CannedRepliesTable
          cannedReplies={list}
          editingId={editing?.id ?? null}
          onEdit={(canned) => {
            update.reset();
            setEditing(canned);
          }}
          onDelete={(canned) => {
            remove.reset();
            setDeleting(canned);
          }}
        />
      ) : null}

      {editing ? (
        <>
          <h3>{t('cannedReplies.editTitle', { name: editing.name })}</h3>
          <CannedReplyForm
            key={editing.id}
            label={t('cannedReplies.editTitle', { name: editing.name })}
            submitLabel={t('cannedReplies.save')}
            brandName={brandName}
            initial={editing}
            pending={update.isPending}
            error={update.error}
            onCancel={() => setEditing(null)}
            onSubmit={(values) => update.mutate({ organizationId, cannedReplyId: editing.id, ...values })}
          />
        </>
      ) : null}

      <h3>{t('cannedReplies.createTitle')}</h3>
      <CannedReplyForm
        key={createKey}
        label={t('cannedReplies.createTitle')}
        submitLabel={t('cannedReplies.create')}
        brandName={brandName}
        pending={create.isPending}
        error={create.error}
        onSubmit={(values) => {
          setNotice('');
          create.mutate({ ...scope, ...values });
        }}
      />

      {deleting ? (
        <ConfirmDialog
          title={t('cannedReplies.deleteTitle', { name: deleting.name })}
          confirmLabel={t('cannedReplies.deleteConfirm')}
          danger
          pending={remove.isPending}
          error={<ErrorMessage error={remove.error} overrides={{ NOT_FOUND: t('cannedReplies.gone') }} />}
          onCancel={() => setDeleting(null)}
          onConfirm={() => remove.mutate({ organizationId, cannedReplyId: deleting.id })}
        >
          <p>{t('cannedReplies.deleteWarning')}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
