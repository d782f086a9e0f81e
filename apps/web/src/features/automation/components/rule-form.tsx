import { AUTOMATION_LIMITS, AUTOMATION_TRIGGERS, type AutomationTrigger } from '@perch/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { fieldErrorsOf, perchCodeOf } from '@/lib/errors.ts';
import { toRuleInput, type DraftProblem, type DraftProblems, type RuleInput } from '../rule-check.ts';
import { keyed, newAction, newCondition, type RuleDraft } from '../rule-draft.ts';
import { ACTION_TYPES, CONDITION_TYPES, errorFieldOf, missingKindOf, type RuleReferents } from '../types.ts';
import { ActionEditor } from './action-editor.tsx';
import { ConditionEditor } from './condition-editor.tsx';
import { AddItem, ItemCard, moved } from './rule-items.tsx';
import { staleProblems } from '../stale-referents.ts';

interface RuleFormProps {
  /** Accessible name of the form ("New rule", "Edit the rule “VIP first”"). */
  label: string;
  submitLabel: string;
  initial: RuleDraft;
  referents: RuleReferents;
  pending: boolean;
  error: unknown;
  onSubmit: (input: RuleInput) => void;
  onCancel: () => void;
}

const NO_PROBLEMS: DraftProblems = { conditions: {}, actions: {} };

/** A rule: name, trigger, conditions (all must hold), actions (in order); checked here as the server checks it. */
export function RuleForm({
  label,
  submitLabel,
  initial,
  referents,
  pending,
  error,
  onSubmit,
  onCancel,
}: RuleFormProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<RuleDraft>(initial);
  const [problems, setProblems] = useState<DraftProblems>(NO_PROBLEMS);
  const set = (patch: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const say = (p: DraftProblem | undefined) =>
    p ? t(`automation.errors.${p.key}` as 'automation.errors.tooLong', p.values ?? {}) : undefined;

  const code = perchCodeOf(error);
  const server = fieldErrorsOf(error);
  const field = errorFieldOf(error);
  const refused = (name: string) => code === 'VALIDATION' && (Boolean(server[name]) || field === name);
  const missing = missingKindOf(error);
  const missingText = missing ? t('automation.errors.missing', { kind: t(`automation.kinds.${missing}`) }) : '';
  const serverName = refused('name') ? t('automation.errors.nameRefused', { max: AUTOMATION_LIMITS.ruleName }) : '';
  const serverConditions = refused('conditions')
    ? t('automation.errors.conditionsRefused')
    : missing === 'Channel'
      ? missingText
      : '';
  const serverActions = refused('actions')
    ? t('automation.errors.actionsRefused')
    : missing && missing !== 'Channel'
      ? missingText
      : '';
  const inline = Boolean(serverName || serverConditions || serverActions);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = toRuleInput(draft);
    const stale = staleProblems(draft, referents);
    if (!checked.ok || stale) {
      const found = checked.ok ? NO_PROBLEMS : checked.problems;
      // Kept by item key, so a problem stays with its item when others move or go.
      const byKey = (items: { key: number }[], ...maps: (Record<number, DraftProblem> | undefined)[]) =>
        Object.fromEntries(
          items.flatMap((item, i) => {
            const p = maps.map((m) => m?.[i]).find(Boolean);
            return p ? [[item.key, p]] : [];
          }),
        );
      setProblems({
        ...found,
        conditions: byKey(draft.conditions, found.conditions, stale?.conditions),
        actions: byKey(draft.actions, found.actions, stale?.actions),
      });
      return;
    }
    setProblems(NO_PROBLEMS);
    onSubmit(checked.value);
  };

  const conditionTitle = (i: number, type: string) =>
    t('automation.form.conditionTitle', {
      n: i + 1,
      type: t(`automation.conditionTypes.${type}` as 'automation.conditionTypes.vip'),
    });
  const actionTitle = (i: number, type: string) =>
    t('automation.form.actionTitle', {
      n: i + 1,
      type: t(`automation.actionTypes.${type}` as 'automation.actionTypes.mark_spam'),
    });
  const full = {
    conditions: draft.conditions.length >= AUTOMATION_LIMITS.conditionsPerRule,
    actions: draft.actions.length >= AUTOMATION_LIMITS.actionsPerRule,
  };

  return (
    <form className="form form-grid automation-form" onSubmit={submit} noValidate aria-label={label}>
      {inline ? null : (
        <ErrorMessage error={error} overrides={{ NOT_FOUND: missingText || t('automation.errors.ruleGone') }} />
      )}
      <Field
        label={t('automation.form.name')}
        errors={[say(problems.name), serverName].filter((e): e is string => Boolean(e))}
      >
        <input
          type="text"
          autoComplete="off"
          maxLength={AUTOMATION_LIMITS.ruleName + 1}
          value={draft.name}
          onChange={(e) => set({ name: e.target.value })}
        />
      </Field>
      <Field label={t('automation.form.trigger')} hint={t(`automation.triggerHints.${draft.trigger}`)}>
        <select value={draft.trigger} onChange={(e) => set({ trigger: e.target.value as AutomationTrigger })}>
          {AUTOMATION_TRIGGERS.map((trigger) => (
            <option key={trigger} value={trigger}>
              {t(`automation.triggers.${trigger}`)}
            </option>
          ))}
        </select>
      </Field>
      <label className="checkbox">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
        {t('automation.form.enabled')}
      </label>

      <fieldset className="fieldset automation-item">
        <legend>{t('automation.form.conditions')}</legend>
        <p className="field-hint">{t('automation.form.conditionsHint')}</p>
        <div className="automation-items">
          {draft.conditions.map((condition, i) => (
            <ItemCard
              key={condition.key}
              title={conditionTitle(i, condition.type)}
              problem={say(problems.conditions[condition.key])}
              onRemove={() => set({ conditions: draft.conditions.filter((c) => c.key !== condition.key) })}
            >
              <ConditionEditor
                condition={condition}
                referents={referents}
                onChange={(next) =>
                  set({
                    conditions: draft.conditions.map((c) => (c.key === condition.key ? { ...next, key: c.key } : c)),
                  })
                }
              />
            </ItemCard>
          ))}
        </div>
        {say(problems.conditionList) || serverConditions ? (
          <p className="field-error" role="alert">
            {say(problems.conditionList) || serverConditions}
          </p>
        ) : null}
        <AddItem
          label={t('automation.form.addConditionType')}
          buttonLabel={t('automation.form.addCondition')}
          types={CONDITION_TYPES}
          labelOf={(type) => t(`automation.conditionTypes.${type}`)}
          disabled={full.conditions}
          onAdd={(type) => set({ conditions: [...draft.conditions, keyed(newCondition(type))] })}
        />
      </fieldset>

      <fieldset className="fieldset automation-item">
        <legend>{t('automation.form.actions')}</legend>
        <p className="field-hint">{t('automation.form.actionsHint')}</p>
        <div className="automation-items">
          {draft.actions.map((action, i) => (
            <ItemCard
              key={action.key}
              title={actionTitle(i, action.type)}
              problem={say(problems.actions[action.key])}
              onRemove={() => set({ actions: draft.actions.filter((a) => a.key !== action.key) })}
              onMoveUp={i > 0 ? () => set({ actions: moved(draft.actions, i, -1) }) : undefined}
              onMoveDown={i < draft.actions.length - 1 ? () => set({ actions: moved(draft.actions, i, 1) }) : undefined}
            >
              <ActionEditor
                action={action}
                referents={referents}
                onChange={(next) =>
                  set({ actions: draft.actions.map((a) => (a.key === action.key ? { ...next, key: a.key } : a)) })
                }
              />
            </ItemCard>
          ))}
        </div>
        {say(problems.actionList) || serverActions ? (
          <p className="field-error" role="alert">
            {say(problems.actionList) || serverActions}
          </p>
        ) : null}
        <AddItem
          label={t('automation.form.addActionType')}
          buttonLabel={t('automation.form.addAction')}
          types={ACTION_TYPES}
          labelOf={(type) => t(`automation.actionTypes.${type}`)}
          disabled={full.actions}
          onAdd={(type) => set({ actions: [...draft.actions, keyed(newAction(type))] })}
        />
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={pending}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
