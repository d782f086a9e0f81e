import { PRIORITIES, type Priority, type SlaPolicyView } from '@perch/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { useTRPC } from '@/lib/trpc.ts';
import { SlaPoliciesTable } from './sla-policies-table.tsx';
import { SlaPolicyForm } from './sla-policy-form.tsx';

interface SlaPoliciesProps {
  organizationId: string;
  brandId: string;
  brandName: string;
  policies: readonly SlaPolicyView[];
  /** Without a calendar, business-hours targets count every hour: the table says so. */
  hasCalendar: boolean;
  canEdit: boolean;
}

/** A brand's four priorities with their policy, and the form and confirmation to set, change or delete one. */
export function SlaPolicies(props: SlaPoliciesProps) {
  const { organizationId, brandId, brandName, policies, hasCalendar, canEdit } = props;
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Priority | null>(null);
  const [deleting, setDeleting] = useState<SlaPolicyView | null>(null);
  const [notice, setNotice] = useState('');
  const priorityLabel = (priority: Priority) => t(`conversation.priority.${priority}`);
  const policyOf = (priority: Priority) => policies.find((p) => p.priority === priority);

  const affected = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.sla.settings.queryFilter({ organizationId, brandId })),
      queryClient.invalidateQueries(trpc.audit.list.infiniteQueryFilter({ organizationId })),
    ]);
  // The server answers how many open conversations get new due times: the manager learns the change is applied
  // to the conversations already waiting, not only to new ones.
  const withRecomputing = (sentence: string, result: { recomputing: number }) =>
    [sentence, t('sla.recomputing', { count: result.recomputing })].join(' ');
  const save = useMutation(
    trpc.sla.savePolicy.mutationOptions({
      onSuccess: async (result) => {
        setNotice(withRecomputing(t('sla.saved', { name: result.policy.name }), result));
        setEditing(null);
        await affected();
      },
    }),
  );
  const remove = useMutation(
    trpc.sla.deletePolicy.mutationOptions({
      onSuccess: async (result) => {
        if (deleting) setNotice(withRecomputing(t('sla.deleted', { name: deleting.name }), result));
        if (editing === deleting?.priority) setEditing(null);
        setDeleting(null);
        await affected();
      },
    }),
  );

  const editedPolicy = editing ? policyOf(editing) : undefined;
  return (
    <section className="card" aria-labelledby="sla-policies-title">
      <h2 id="sla-policies-title">{t('sla.policies.title', { brand: brandName })}</h2>
      <SuccessMessage>{notice}</SuccessMessage>
      <SlaPoliciesTable
        rows={PRIORITIES.map((priority) => ({ priority, label: priorityLabel(priority), policy: policyOf(priority) }))}
        editing={editing}
        hasCalendar={hasCalendar}
        canEdit={canEdit}
        onEdit={(priority) => {
          save.reset();
          setNotice('');
          setEditing(priority);
        }}
        onDelete={(policy) => {
          remove.reset();
          setDeleting(policy);
        }}
      />
      {editing ? (
        <>
          <h3>{t('sla.form.title', { priority: priorityLabel(editing) })}</h3>
          <SlaPolicyForm
            key={editing}
            label={t('sla.form.title', { priority: priorityLabel(editing) })}
            defaultName={t('sla.form.defaultName', { priority: priorityLabel(editing) })}
            initial={editedPolicy}
            pending={save.isPending}
            error={save.error}
            onCancel={() => setEditing(null)}
            onSubmit={(values) => save.mutate({ organizationId, brandId, priority: editing, ...values })}
          />
        </>
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('sla.deleteTitle', { name: deleting.name })}
          confirmLabel={t('sla.deleteConfirm')}
          danger
          pending={remove.isPending}
          error={<ErrorMessage error={remove.error} overrides={{ NOT_FOUND: t('sla.errors.gone') }} />}
          onCancel={() => setDeleting(null)}
          onConfirm={() => remove.mutate({ organizationId, policyId: deleting.id })}
        >
          <p>{t('sla.deleteWarning', { priority: priorityLabel(deleting.priority) })}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
