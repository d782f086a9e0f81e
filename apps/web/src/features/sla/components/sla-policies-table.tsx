import type { Priority, SlaPolicyView } from '@perch/shared';
import { useTranslation } from '@/lib/use-translation.tsx';
import { EditDeleteButtons } from '@/components/row-buttons.tsx';
import { TableHead } from '@/components/table-head.tsx';
import { useDurationText } from '../use-duration-text.ts';

export interface SlaPolicyRow {
  priority: Priority;
  label: string;
  /** undefined: this priority has no SLA. */
  policy: SlaPolicyView | undefined;
}

interface SlaPoliciesTableProps {
  rows: readonly SlaPolicyRow[];
  editing: Priority | null;
  hasCalendar: boolean;
  canEdit: boolean;
  onEdit: (priority: Priority) => void;
  onDelete: (policy: SlaPolicyView) => void;
}

/** One row per priority (urgent first): its policy's targets, how they count time, and when they warn. */
export function SlaPoliciesTable({ rows, editing, hasCalendar, canEdit, onEdit, onDelete }: SlaPoliciesTableProps) {
  const { t, i18n } = useTranslation();
  const duration = useDurationText();
  const target = (minutes: number | null) =>
    minutes === null ? <span className="muted">{t('sla.policies.noTarget')}</span> : duration(minutes);
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent' });
  return (
    <div className="table-wrap">
      <table className="table" data-testid="sla-policies-table">
        <TableHead
          columns={[
            t('sla.policies.priority'),
            t('sla.policies.name'),
            t('sla.policies.firstResponse'),
            t('sla.policies.nextResponse'),
            t('sla.policies.resolution'),
            t('sla.policies.counted'),
            t('sla.policies.warnAt'),
          ]}
          actions={canEdit}
        />
        <tbody>
          {rows.map(({ priority, label, policy }) => (
            <tr key={priority} aria-current={editing === priority ? 'true' : undefined}>
              <th scope="row">{label}</th>
              {policy ? (
                <>
                  <td>{policy.name}</td>
                  <td>{target(policy.firstResponseMinutes)}</td>
                  <td>{target(policy.nextResponseMinutes)}</td>
                  <td>{target(policy.resolutionMinutes)}</td>
                  <td>
                    {!policy.businessHours
                      ? t('sla.policies.calendarHours')
                      : hasCalendar
                        ? t('sla.policies.businessHours')
                        : t('sla.policies.businessHoursNone')}
                  </td>
                  <td>{percent.format(policy.warnAtPercent / 100)}</td>
                </>
              ) : (
                <td colSpan={6} className="muted">
                  {t('sla.policies.noPolicy')}
                </td>
              )}
              {canEdit ? (
                <td className="cell-actions">
                  {policy ? (
                    <EditDeleteButtons
                      editLabel={t('sla.policies.editOf', { priority: label })}
                      deleteLabel={t('sla.policies.deleteOf', { priority: label })}
                      deleteText={t('sla.policies.delete')}
                      onEdit={() => onEdit(priority)}
                      onDelete={() => onDelete(policy)}
                    />
                  ) : (
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={t('sla.policies.setOf', { priority: label })}
                      onClick={() => onEdit(priority)}
                    >
                      {t('sla.policies.set')}
                    </button>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
