import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { useTRPC, type Organization } from '@/lib/trpc.ts';
import type { Macro } from '../types.ts';
import { MacroForm } from './macro-form.tsx';
import { MacrosTable } from './macros-table.tsx';
import '../macros.css';

/**
 * Settings → Macros: named sets of actions agents apply to a conversation in one keystroke (`m` in the pane).
 * Managers, admins and owners create, edit and delete them (the route is theirs only).
 */
export function MacrosPage({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const organizationId = organization.id;
  const macros = useQuery(trpc.macros.list.queryOptions({ organizationId }));
  const brands = useQuery(trpc.brands.list.queryOptions({ organizationId }));
  const tags = useQuery(trpc.tags.list.queryOptions({ organizationId }));
  const teams = useQuery(trpc.teams.list.queryOptions({ organizationId }));
  const [editing, setEditing] = useState<Macro | null>(null);
  const [deleting, setDeleting] = useState<Macro | null>(null);
  const [notice, setNotice] = useState('');
  const [createKey, setCreateKey] = useState(0);

  const affected = () =>
    Promise.all([
      // Every list of macros (this page's and the per-brand ones the conversation pane uses).
      queryClient.invalidateQueries(trpc.macros.list.pathFilter()),
      queryClient.invalidateQueries(trpc.audit.list.infiniteQueryFilter({ organizationId })),
    ]);
  const create = useMutation(
    trpc.macros.create.mutationOptions({
      onSuccess: async (macro) => {
        setNotice(t('macros.created', { name: macro.name }));
        setCreateKey((k) => k + 1);
        await affected();
      },
    }),
  );
  const update = useMutation(
    trpc.macros.update.mutationOptions({
      onSuccess: async (macro) => {
        setNotice(t('macros.updated', { name: macro.name }));
        setEditing(null);
        await affected();
      },
    }),
  );
  const remove = useMutation(
    trpc.macros.delete.mutationOptions({
      onSuccess: async () => {
        if (deleting) setNotice(t('macros.deleted', { name: deleting.name }));
        if (editing?.id === deleting?.id) setEditing(null);
        setDeleting(null);
        await affected();
      },
    }),
  );

  const list = macros.data ?? [];
  const formData = { brands: brands.data ?? [], tags: tags.data ?? [], teams: teams.data ?? [] };
  return (
    <div className="stack">
      <PageHeader title={t('macros.title')} description={t('macros.description')} />
      <section className="card" aria-labelledby="macros-list">
        <h2 id="macros-list">{t('macros.listTitle')}</h2>
        <SuccessMessage>{notice}</SuccessMessage>
        {macros.isPending ? <Loading /> : null}
        <ErrorMessage error={macros.error} />
        {macros.data && list.length === 0 ? <p className="muted">{t('macros.empty')}</p> : null}
        {list.length > 0 ? (
          <MacrosTable
            macros={list}
            {...formData}
            editingId={editing?.id ?? null}
            onEdit={(macro) => {
              update.reset();
              setEditing(macro);
            }}
            onDelete={(macro) => {
              remove.reset();
              setDeleting(macro);
            }}
          />
        ) : null}

        {editing ? (
          <>
            <h3>{t('macros.editTitle', { name: editing.name })}</h3>
            <MacroForm
              key={editing.id}
              label={t('macros.editTitle', { name: editing.name })}
              submitLabel={t('macros.save')}
              initial={{ name: editing.name, brandId: editing.brandId, actions: editing.actions }}
              {...formData}
              pending={update.isPending}
              error={update.error}
              onCancel={() => setEditing(null)}
              onSubmit={(values) => update.mutate({ organizationId, macroId: editing.id, ...values })}
            />
          </>
        ) : null}

        <h3>{t('macros.createTitle')}</h3>
        <MacroForm
          key={createKey}
          label={t('macros.createTitle')}
          submitLabel={t('macros.create')}
          {...formData}
          pending={create.isPending}
          error={create.error}
          onSubmit={(values) => {
            setNotice('');
            create.mutate({ organizationId, ...values });
          }}
        />
      </section>

      {deleting ? (
        <ConfirmDialog
          title={t('macros.deleteTitle', { name: deleting.name })}
          confirmLabel={t('macros.deleteConfirm')}
          danger
          pending={remove.isPending}
          error={<ErrorMessage error={remove.error} />}
          onCancel={() => setDeleting(null)}
          onConfirm={() => remove.mutate({ organizationId, macroId: deleting.id })}
        >
          <p>{t('macros.deleteWarning')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
