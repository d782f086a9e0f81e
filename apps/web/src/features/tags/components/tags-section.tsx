import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { TableHead } from '@/components/table-head.tsx';
import { useTRPC } from '@/lib/trpc.ts';
import type { Tag } from '../types.ts';
import { TagForm } from './tag-form.tsx';
import { TagSwatch } from './tag-swatch.tsx';
import { EditDeleteButtons } from '@/components/row-buttons.tsx';

interface TagsSectionProps {
  organizationId: string;
  brandId: string;
  brandName: string;
  canManage: boolean;
}

/** A brand's tags with their colours; for managers, the forms to add, edit and delete them. */
export function TagsSection({ organizationId, brandId, brandName, canManage }: TagsSectionProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const scope = { organizationId, brandId };
  const tags = useQuery(trpc.tags.list.queryOptions(scope));
  const [editing, setEditing] = useState<Tag | null>(null);
  const [deleting, setDeleting] = useState<Tag | null>(null);
  const [notice, setNotice] = useState('');
  const [createKey, setCreateKey] = useState(0);

  const affected = () =>
    Promise.all([
      // Every list of tags (this brand's and the all-brands one the inbox uses).
      queryClient.invalidateQueries(trpc.tags.list.pathFilter()),
      queryClient.invalidateQueries(trpc.audit.list.infiniteQueryFilter({ organizationId })),
    ]);
  const create = useMutation(
    trpc.tags.create.mutationOptions({
      onSuccess: async (tag) => {
        setNotice(t('tags.created', { name: tag.name }));
        setCreateKey((k) => k + 1);
        await affected();
      },
    }),
  );
  const update = useMutation(
    trpc.tags.update.mutationOptions({
      onSuccess: async (tag) => {
        setNotice(t('tags.updated', { name: tag.name }));
        setEditing(null);
        await affected();
      },
    }),
  );
  const remove = useMutation(
    trpc.tags.delete.mutationOptions({
      onSuccess: async (result) => {
        if (deleting) setNotice(t('tags.deleted', { name: deleting.name, count: result.conversationsUntagged }));
        if (editing?.id === deleting?.id) setEditing(null);
        setDeleting(null);
        await affected();
      },
    }),
  );
  const usage = useQuery({
    ...trpc.tags.usage.queryOptions({ organizationId, tagId: deleting?.id ?? '' }),
    enabled: Boolean(deleting),
  });

  const list = tags.data ?? [];
  return (
    <section className="card" aria-labelledby="tags-list">
      <h2 id="tags-list">{t('tags.listTitle', { brand: brandName })}</h2>
      {canManage ? null : <p className="muted">{t('tags.readOnly')}</p>}
      <SuccessMessage>{notice}</SuccessMessage>
      {tags.isPending ? <Loading /> : null}
      <ErrorMessage error={tags.error} />
      {tags.data && list.length === 0 ? <p className="muted">{t('tags.empty')}</p> : null}
      {list.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="tags-table">
            <TableHead columns={[t('tags.name'), t('tags.color')]} actions={canManage} />
            <tbody>
              {list.map((tag) => (
                <tr key={tag.id} aria-current={editing?.id === tag.id ? 'true' : undefined}>
                  <td>
                    <TagSwatch color={tag.color} />
                    {tag.name}
                  </td>
                  <td>
                    <code>{tag.color}</code>
                  </td>
                  {canManage ? (
                    <td className="cell-actions">
                      <EditDeleteButtons
                        editLabel={t('tags.editOf', { name: tag.name })}
                        deleteLabel={t('tags.deleteOf', { name: tag.name })}
                        deleteText={t('tags.delete')}
                        onEdit={() => {
                          update.reset();
                          setEditing(tag);
                        }}
                        onDelete={() => {
                          remove.reset();
                          setDeleting(tag);
                        }}
                      />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {canManage && editing ? (
        <>
          <h3>{t('tags.editTitle', { name: editing.name })}</h3>
          <TagForm
            key={editing.id}
            label={t('tags.editTitle', { name: editing.name })}
            submitLabel={t('tags.save')}
            initial={{ name: editing.name, color: editing.color }}
            pending={update.isPending}
            error={update.error}
            onCancel={() => setEditing(null)}
            onSubmit={(values) => update.mutate({ organizationId, tagId: editing.id, ...values })}
          />
        </>
      ) : null}

      {canManage ? (
        <>
          <h3>{t('tags.createTitle')}</h3>
          <TagForm
            key={createKey}
            label={t('tags.createTitle')}
            submitLabel={t('tags.create')}
            pending={create.isPending}
            error={create.error}
            onSubmit={(values) => {
              setNotice('');
              create.mutate({ ...scope, ...values });
            }}
          />
        </>
      ) : null}

      {deleting ? (
        <ConfirmDialog
          title={t('tags.deleteTitle', { name: deleting.name })}
          confirmLabel={t('tags.deleteConfirm')}
          danger
          pending={remove.isPending || usage.isPending}
          error={
            <>
              <ErrorMessage error={usage.error} />
              <ErrorMessage error={remove.error} />
            </>
          }
          onCancel={() => setDeleting(null)}
          onConfirm={() => remove.mutate({ organizationId, tagId: deleting.id })}
        >
          {usage.data ? (
            <>
              <p>{t('tags.usage', { conversations: usage.data.conversationCount })}</p>
              {usage.data.ruleCount > 0 ? <p>{t('tags.usageRules', { rules: usage.data.ruleCount })}</p> : null}
            </>
          ) : (
            <p>{t('tags.usageLoading')}</p>
          )}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
