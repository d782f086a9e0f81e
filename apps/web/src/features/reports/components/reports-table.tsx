import { EditDeleteButtons } from '@/components/row-buttons.tsx';
import { TableHead } from '@/components/table-head.tsx';
import type { Brand } from '@/lib/trpc.ts';
import { hourText, weekdayNames } from '../schedule-text.ts';
import type { Report } from '../types.ts';
import { useReportsText } from '../use-reports-text.ts';

interface ReportsTableProps {
  reports: readonly Report[];
  brands: readonly Brand[];
  editingId: string | null;
  sendingId: string | null;
  smtpMissing: boolean;
  onEdit: (report: Report) => void;
  onDelete: (report: Report) => void;
  onSendNow: (report: Report) => void;
}

/** The organization's reports: schedule in words, recipients, brands, format, next and last sending. */
export function ReportsTable(props: ReportsTableProps) {
  const { reports, brands, editingId, sendingId, smtpMissing, onEdit, onDelete, onSendNow } = props;
  const { t, i18n } = useReportsText();
  const days = weekdayNames(i18n.language);
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const brandNames = (ids: readonly string[] | undefined) =>
    ids?.length ? ids.map((id) => brands.find((b) => b.id === id)?.name ?? '—').join(', ') : t('reports.allBrands');
  const schedule = (r: Report) =>
    r.frequency === 'weekly'
      ? t('reports.weeklyAt', { day: days[(r.weekday ?? 1) - 1], hour: hourText(r.hour), zone: r.timeZone })
      : t('reports.dailyAt', { hour: hourText(r.hour), zone: r.timeZone });
  return (
    <div className="table-wrap">
      <table className="table" data-testid="reports-table">
        <TableHead
          columns={[
            t('reports.name'),
            t('reports.schedule'),
            t('reports.recipients'),
            t('reports.brands'),
            t('reports.format'),
            t('reports.nextRun'),
            t('reports.lastSent'),
          ]}
          actions
        />
        <tbody>
          {reports.map((report) => (
            <tr key={report.id} aria-current={editingId === report.id ? 'true' : undefined}>
              <td>{report.name}</td>
              <td>{schedule(report)}</td>
              <td>{report.recipients.join(', ')}</td>
              <td>{brandNames(report.filters.brandIds)}</td>
              <td>{report.format.toUpperCase()}</td>
              <td>{when.format(new Date(report.nextRunAt))}</td>
              <td>
                {report.lastSentAt ? when.format(new Date(report.lastSentAt)) : t('reports.never')}
                {report.lastError ? (
                  <p className="field-error">{t('reports.lastError', { error: report.lastError })}</p>
                ) : null}
              </td>
              <td className="cell-actions">
                <button
                  type="button"
                  className="button button-small"
                  aria-label={t('reports.sendNowOf', { name: report.name })}
                  disabled={smtpMissing || sendingId !== null}
                  onClick={() => onSendNow(report)}
                >
                  {sendingId === report.id ? t('reports.sending') : t('reports.sendNow')}
                </button>{' '}
                <EditDeleteButtons
                  editLabel={t('reports.editOf', { name: report.name })}
                  deleteLabel={t('reports.deleteOf', { name: report.name })}
                  deleteText={t('reports.delete')}
                  onEdit={() => onEdit(report)}
                  onDelete={() => onDelete(report)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
