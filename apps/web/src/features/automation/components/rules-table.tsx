import { useTranslation } from '@/lib/use-translation.tsx';
import { TableHead } from '@/components/table-head.tsx';
import { formatRelative } from '@/lib/format.ts';
import { useRuleSummary } from '../rule-summary.ts';
import type { AutomationRule, RuleReferents } from '../types.ts';
import { EditDeleteButtons, MoveButtons } from '@/components/row-buttons.tsx';

interface RulesTableProps {
  rules: readonly AutomationRule[];
  referents: RuleReferents;
  editingId: string | null;
  onToggle: (rule: AutomationRule, enabled: boolean) => void;
  onMove: (index: number, by: -1 | 1) => void;
  onEdit: (rule: AutomationRule) => void;
  onDelete: (rule: AutomationRule) => void;
}

/** The brand's rules in the order they run, each in words, with its switch, its activity and its buttons. */
export function RulesTable({ rules, referents, editingId, onToggle, onMove, onEdit, onDelete }: RulesTableProps) {
  const { t, i18n } = useTranslation();
  const summary = useRuleSummary(referents);
  const activity = (rule: AutomationRule) => {
    if (rule.runCount === 0) return t('automation.neverRan');
    if (!rule.lastRunAt) return t('automation.ranCount', { count: rule.runCount });
    return t('automation.ran', { count: rule.runCount, when: formatRelative(rule.lastRunAt, i18n.language) });
  };
  return (
    <div className="table-wrap">
      <table className="table" data-testid="automation-rules-table">
        <TableHead
          columns={[
            t('automation.order'),
            t('automation.rule'),
            t('automation.does'),
            t('automation.enabled'),
            t('automation.activity'),
          ]}
          actions
        />
        <tbody>
          {rules.map((rule, index) => (
            <tr
              key={rule.id}
              className={rule.enabled ? undefined : 'automation-rule-disabled'}
              aria-current={editingId === rule.id ? 'true' : undefined}
            >
              <td>{index + 1}</td>
              <td>
                <strong>{rule.name}</strong>
                <span className="subtle">{t(`automation.triggers.${rule.trigger}`)}</span>
              </td>
              <td data-testid="rule-summary">
                {rule.conditions.length
                  ? t('automation.summary.line', {
                      conditions: summary.conditions(rule.conditions),
                      actions: summary.actions(rule.actions),
                    })
                  : t('automation.summary.alwaysLine', { actions: summary.actions(rule.actions) })}
              </td>
              <td>
                <input
                  type="checkbox"
                  role="switch"
                  checked={rule.enabled}
                  aria-label={t('automation.enabledOf', { name: rule.name })}
                  onChange={(e) => onToggle(rule, e.target.checked)}
                />
              </td>
              <td className="nowrap">{activity(rule)}</td>
              <td className="cell-actions">
                <MoveButtons
                  upLabel={t('automation.moveUpOf', { name: rule.name })}
                  downLabel={t('automation.moveDownOf', { name: rule.name })}
                  canUp={index > 0}
                  canDown={index < rules.length - 1}
                  onMove={(delta) => onMove(index, delta)}
                />{' '}
                <EditDeleteButtons
                  editLabel={t('automation.editOf', { name: rule.name })}
                  deleteLabel={t('automation.deleteOf', { name: rule.name })}
                  deleteText={t('automation.delete')}
                  onEdit={() => onEdit(rule)}
                  onDelete={() => onDelete(rule)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
