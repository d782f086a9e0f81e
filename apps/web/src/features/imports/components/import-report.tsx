import type { ImportUploadReport } from '@perch/shared';
import { useTranslation } from '@/lib/use-translation.tsx';
import { TableHead } from '@/components/table-head.tsx';
import { downloadText, rejectedFileName, rejectedRowsCsv } from '../rejected-rows-csv.ts';

/** Rejected rows shown on the page; the download has every listed row. */
export const REJECTED_SHOWN = 100;

/** The outcome of an import: counts, the re-import note, warnings, and the rejected rows (line, reason). */
export function ImportReportView({ fileName, report }: { fileName: string; report: ImportUploadReport }) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => value.toLocaleString(i18n.language);
  const shown = report.rejected.slice(0, REJECTED_SHOWN);
  return (
    <section className="stack" aria-labelledby="import-report" data-testid="import-report">
      <div role="status">
        <h3 id="import-report">{t('imports.reportTitle', { file: fileName })}</h3>
      </div>
      <dl className="summary">
        <dt>{t('imports.rows')}</dt>
        <dd>{n(report.rows)}</dd>
        <dt>{t('imports.imported')}</dt>
        <dd>
          {n(report.accepted)}{' '}
          <span className="subtle">
            {t('imports.importedDetail', { stored: n(report.stored), duplicates: n(report.duplicates) })}
          </span>
        </dd>
        <dt>{t('imports.rejectedCount')}</dt>
        <dd>{n(report.rejectedRows)}</dd>
      </dl>
      <p className="muted">{t('imports.duplicatesNote')}</p>
      {report.held > 0 ? (
        <p className="callout" data-testid="import-held">
          {t('imports.heldNote', { held: n(report.held) })}
        </p>
      ) : null}
      {report.warnings.length > 0 ? (
        <div>
          <h4>{t('imports.warningsTitle')}</h4>
          <ul>
            {report.warnings.map((w) => (
              <li key={`${w.line}:${w.warning}`}>{t('imports.warningLine', { line: w.line, warning: w.warning })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {report.rejected.length > 0 ? (
        <div className="stack">
          <h4 id="import-rejected">{t('imports.rejectedTitle')}</h4>
          {report.rejected.length > shown.length ? (
            <p className="muted">
              {t('imports.rejectedShown', { shown: n(shown.length), total: n(report.rejected.length) })}
            </p>
          ) : null}
          {report.rejectedRows > report.rejected.length ? (
            <p className="muted">{t('imports.rejectedListed', { listed: n(report.rejected.length) })}</p>
          ) : null}
          <div className="table-wrap">
            <table className="table" aria-labelledby="import-rejected" data-testid="import-rejected">
              <TableHead columns={[t('imports.line'), t('imports.reason')]} />
              <tbody>
                {shown.map((r) => (
                  <tr key={r.line}>
                    <td className="mono">{r.line}</td>
                    <td>{r.error}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="form-actions">
            <button
              type="button"
              className="button"
              onClick={() => downloadText(rejectedRowsCsv(report.rejected), rejectedFileName(fileName))}
            >
              {t('imports.download')}
            </button>
          </div>
        </div>
      ) : (
        <p>{t('imports.noRejected')}</p>
      )}
    </section>
  );
}
