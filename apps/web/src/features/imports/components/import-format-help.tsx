import { IMPORT_CSV_COLUMNS, IMPORT_REQUIRED_CSV_COLUMNS } from '@perch/shared';
import { useTranslation } from '@/lib/use-translation.tsx';

const NDJSON_SAMPLE =
  '{"id":"p1","text":"Lost bag at CDG","created_at":"2026-03-01T09:30:00Z","author":{"id":"u1","username":"cam"}}';
const OPTIONAL = IMPORT_CSV_COLUMNS.filter((c) => !(IMPORT_REQUIRED_CSV_COLUMNS as readonly string[]).includes(c));

/** The documented file formats, in short (the full reference is docs/ingest-formats.md). */
export function ImportFormatHelp() {
  const { t } = useTranslation();
  const list = (columns: readonly string[]) =>
    columns.map((c, i) => (
      <span key={c}>
        {i > 0 ? ', ' : null}
        <code>{c}</code>
      </span>
    ));
  return (
    <section className="card" aria-labelledby="imports-columns">
      <h2 id="imports-columns">{t('imports.columnsTitle')}</h2>
      <p>
        {t('imports.columnsCsv')} {t('imports.required')} {list(IMPORT_REQUIRED_CSV_COLUMNS)}. {t('imports.optional')}{' '}
        {list(OPTIONAL)}.
      </p>
      <div className="table-wrap">
        <pre className="mono">{IMPORT_CSV_COLUMNS.join(',')}</pre>
      </div>
      <p>{t('imports.columnsNdjson')}</p>
      <div className="table-wrap">
        <pre className="mono">{NDJSON_SAMPLE}</pre>
      </div>
      <p className="muted">{t('imports.columnsRules')}</p>
    </section>
  );
}
