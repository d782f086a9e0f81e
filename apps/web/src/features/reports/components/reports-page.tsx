import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { useTRPC, type Organization } from '@/lib/trpc.ts';
import type { Report, ReportValues } from '../types.ts';
import { useReportsText } from '../use-reports-text.ts';
import { ExportButton } from './export-button.tsx';
import { ReportForm } from './report-form.tsx';
import { ReportsTable } from './reports-table.tsx';

/**
 * Settings → Scheduled reports (managers): the organization's reports, a form to add or edit one, "Send now",
 * and a download of the conversation export. Without SMTP on the server the page says what to configure, and
 * adding or sending is disabled (the server refuses it too).
 */
export function ReportsPage({ organization }: { organization: Organization }) {
  const { t } = useReportsText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const organizationId = organization.id;
  const list = useQuery(trpc.reports.list.queryOptions({ organizationId }));
  const brands = useQuery(trpc.brands.list.queryOptions({ organizationId }));
  const [editing, setEditing] = useState<Report | null>(null);
  const [deleting, setDeleting] = useState<Report | null>(null);
  const [notice, setNotice] = useState('');
  const [createKey, setCreateKey] = useState(0);
  const [exportBrandIds, setExportBrandIds] = useState<string[]>([]);

  const refresh = () => queryClient.invalidateQueries(trpc.reports.list.pathFilter());
  const create = useMutation(
    trpc.reports.create.mutationOptions({
      onSuccess: async (report) => {
        setNotice(t('reports.created', { name: report.name }));
        setCreateKey((k) => k + 1);
        await refresh();
      },
    }),
  );
  const update = useMutation(
    trpc.reports.update.mutationOptions({
      onSuccess: async (report) => {
        setNotice(t('reports.updated', { name: report.name }));
        setEditing(null);
        await refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.reports.delete.mutationOptions({
      onSuccess: async () => {
        if (deleting) setNotice(t('reports.deleted', { name: deleting.name }));
        if (editing?.id === deleting?.id) setEditing(null);
        setDeleting(null);
        await refresh();
      },
    }),
  );
  const sendNow = useMutation(
    trpc.reports.sendNow.mutationOptions({
      onSettled: () => refresh(),
    }),
  );

  const smtpMissing = list.data?.smtpConfigured === false;
  const reports = list.data?.reports ?? [];
  const brandList = brands.data ?? [];
  const sendingId = sendNow.isPending ? sendNow.variables.reportId : null;
  const toInput = (values: ReportValues) => ({ organizationId, ...values });

  return (
    <div className="stack reports-page">
      <PageHeader title={t('reports.title')} description={t('reports.description')} />
      {smtpMissing ? (
        <p className="alert alert-error" role="alert">
          {t('reports.smtpMissing')}
        </p>
      ) : null}
      <section className="card" aria-labelledby="reports-list">
        <h2 id="reports-list">{t('reports.listTitle')}</h2>
        <SuccessMessage>{notice}</SuccessMessage>
        {list.isPending ? <Loading /> : null}
        <ErrorMessage error={list.error} />
        {sendNow.isSuccess ? (
          <p className="alert alert-success" role="status">
            {t('reports.sent', { name: reports.find((r) => r.id === sendNow.data.id)?.name ?? '' })}
          </p>
        ) : null}
        {sendNow.error ? (
          <p className="alert alert-error" role="alert">
            {sendNow.error.message}
          </p>
        ) : null}
        {list.data && reports.length === 0 ? <p className="muted">{t('reports.empty')}</p> : null}
        {reports.length > 0 ? (
          <ReportsTable
            reports={reports}
            brands={brandList}
            editingId={editing?.id ?? null}
            sendingId={sendingId}
            smtpMissing={smtpMissing}
            onEdit={(report) => {
              update.reset();
              setEditing(report);
            }}
            onDelete={(report) => {
              remove.reset();
              setDeleting(report);
            }}
            onSendNow={(report) => {
              setNotice('');
              sendNow.mutate({ organizationId, reportId: report.id });
            }}
          />
        ) : null}

        {editing ? (
          <>
            <h3>{t('reports.editTitle', { name: editing.name })}</h3>
            <ReportForm
              key={editing.id}
              label={t('reports.editTitle', { name: editing.name })}
              submitLabel={t('reports.save')}
              brands={brandList}
              initial={editing}
              pending={update.isPending}
              disabled={smtpMissing}
              error={update.error}
              onCancel={() => setEditing(null)}
              onSubmit={(values) => update.mutate({ ...toInput(values), reportId: editing.id })}
            />
          </>
        ) : null}

        <h3>{t('reports.createTitle')}</h3>
        <ReportForm
          key={createKey}
          label={t('reports.createTitle')}
          submitLabel={t('reports.create')}
          brands={brandList}
          pending={create.isPending}
          disabled={smtpMissing}
          error={create.error}
          onSubmit={(values) => {
            setNotice('');
            create.mutate(toInput(values));
          }}
        />
      </section>

      <section className="card" aria-labelledby="reports-export">
        <h2 id="reports-export">{t('reports.exportTitle')}</h2>
        <p className="muted">{t('reports.exportDescription')}</p>
        <fieldset className="field">
          <legend>{t('reports.brands')}</legend>
          {brandList.map((brand) => (
            <label key={brand.id} className="checkbox">
              <input
                type="checkbox"
                checked={exportBrandIds.includes(brand.id)}
                onChange={(e) =>
                  setExportBrandIds((ids) =>
                    e.target.checked ? [...ids, brand.id] : ids.filter((id) => id !== brand.id),
                  )
                }
              />{' '}
              {brand.name}
            </label>
          ))}
          <p className="field-hint">{t('reports.brandsHint')}</p>
        </fieldset>
        <ExportButton organizationId={organizationId} filters={{ brandIds: exportBrandIds }} />
      </section>

      {deleting ? (
        <ConfirmDialog
          title={t('reports.deleteTitle', { name: deleting.name })}
          confirmLabel={t('reports.deleteConfirm')}
          danger
          pending={remove.isPending}
          error={<ErrorMessage error={remove.error} overrides={{ NOT_FOUND: t('reports.gone') }} />}
          onCancel={() => setDeleting(null)}
          onConfirm={() => remove.mutate({ organizationId, reportId: deleting.id })}
        >
          <p>{t('reports.deleteWarning')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
