import { exportUrl, type ExportFilters } from '../export-url.ts';
import { useReportsText } from '../use-reports-text.ts';

/**
 * Download links for the conversation export of `filters`, as CSV and XLSX. Plain links: the browser downloads
 * the streamed file itself (the server names it; nothing is held in the page's memory, whatever its size).
 * Place it anywhere a set of conversations is filtered (dashboards, drill-down).
 */
export function ExportButton({
  organizationId,
  filters = {},
  className,
}: {
  organizationId: string;
  filters?: ExportFilters;
  className?: string;
}) {
  const { t } = useReportsText();
  return (
    <span className={['export-button', className].filter(Boolean).join(' ')}>
      <a className="button button-small" href={exportUrl(organizationId, 'csv', filters)} download>
        {t('reports.exportCsv')}
      </a>{' '}
      <a className="button button-small" href={exportUrl(organizationId, 'xlsx', filters)} download>
        {t('reports.exportXlsx')}
      </a>
    </span>
  );
}
