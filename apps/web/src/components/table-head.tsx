import { useTranslation } from '@/lib/use-translation.tsx';

/** The header row of a settings table: one column per label, plus an unlabelled (screen-reader only) actions column. */
export function TableHead({ columns, actions = false }: { columns: string[]; actions?: boolean }) {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        {columns.map((label) => (
          <th scope="col" key={label}>
            {label}
          </th>
        ))}
        {actions ? (
          <th scope="col">
            <span className="visually-hidden">{t('common.actions')}</span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}
