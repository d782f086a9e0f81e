import { useTranslation } from 'react-i18next';
import { TableHead } from '@/components/table-head.tsx';
import { formatRelative } from '@/lib/format.ts';
import { useRuleSummary } from '../rule-summary.ts';
import type { AutomationRule, RuleReferents } from '../types.ts';

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
                <button
                  type="button"
                  className="button button-small"
                  disabled={index === 0}
                  aria-label={t('automation.moveUpOf', { name: rule.name })}
                  onClick={() => onMove(index, -1)}
                >
                  ↑
                </button>{' '}
                <button
                  type="button"
                  className="button button-small"
                  disabled={index === rules.length - 1}
                  aria-label={t('automation.moveDownOf', { name: rule.name })}
                  onClick={() => onMove(index, 1)}
                >
                  ↓
                </button>{' '}
                <button
                  type="button"
                  className="button button-small"
                  aria-label={t('automation.editOf', { name: rule.name })}
                  onClick={() => onEdit(rule)}
                >
                  {t('common.edit')}
                </button>{' '}
                <button
                  type="button"
                  className="button button-small button-danger-outline"
                  aria-label={t('automation.deleteOf', { name: rule.name })}
                  onClick={() => onDelete(rule)}
                >
                  {t('automation.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
