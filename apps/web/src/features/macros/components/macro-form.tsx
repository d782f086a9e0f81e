import { AUTOMATION_LIMITS } from '@perch/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { fieldErrorsOf, perchCodeOf } from '@/lib/errors.ts';
import type { Brand } from '@/lib/trpc.ts';
import { actionOf, draftOf, moved, newDraft, type ActionDraft, type DraftProblem } from '../macro-drafts.ts';
import type { MacroAction, MacroTag, MacroTeam } from '../types.ts';
import { MacroActionRow } from './macro-action-row.tsx';

export interface MacroValues {
  name: string;
  /** null: every brand. */
  brandId: string | null;
  actions: MacroAction[];
}

interface MacroFormProps {
  label: string;
  submitLabel: string;
  initial?: MacroValues;
  brands: readonly Brand[];
  tags: readonly MacroTag[];
  teams: readonly MacroTeam[];
  pending: boolean;
  error: unknown;
  onSubmit: (values: MacroValues) => void;
  onCancel?: () => void;
}

/** A macro's name, its brand (or all brands) and its ordered actions, checked here as the server checks them. */
export function MacroForm(props: MacroFormProps) {
  const { label, submitLabel, initial, brands, tags, teams, pending, error, onSubmit, onCancel } = props;
  const { t } = useTranslation();
  const [name, setName] = useState(initial?.name ?? '');
  const [brandId, setBrandId] = useState<string | null>(initial?.brandId ?? null);
  const [drafts, setDrafts] = useState<ActionDraft[]>(() => initial?.actions.map(draftOf) ?? [newDraft()]);
  const [nameErrors, setNameErrors] = useState<string[]>([]);
  const [problems, setProblems] = useState<Map<number, DraftProblem>>(new Map());
  const [listError, setListError] = useState('');

  const brandTags = tags.filter((tag) => tag.brandId === brandId);
  const brandTeams = teams.filter((team) => !brandId || team.brandIds.length === 0 || team.brandIds.includes(brandId));
  const max = AUTOMATION_LIMITS.actionsPerMacro;
  const patch = (key: number, change: Partial<ActionDraft>) =>
    setDrafts((list) => list.map((d) => (d.key === key ? { ...d, ...change } : d)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    const nameProblems = !trimmed
      ? [t('validation.required')]
      : trimmed.length > AUTOMATION_LIMITS.macroName
        ? [t('macros.nameTooLong', { max: AUTOMATION_LIMITS.macroName })]
        : [];
    const found = new Map<number, DraftProblem>();
    const actions: MacroAction[] = [];
    for (const draft of drafts) {
      const result = actionOf(draft, brandId, tags);
      if (typeof result === 'string') found.set(draft.key, result);
      else actions.push(result);
    }
    const countProblem = drafts.length === 0 ? t('macros.errors.actionRequired') : '';
    setNameErrors(nameProblems);
    setProblems(found);
    setListError(countProblem);
    if (nameProblems.length || found.size || countProblem) return;
    onSubmit({ name: trimmed, brandId, actions });
  };

  const code = perchCodeOf(error);
  const server = fieldErrorsOf(error);
  const serverName = [
    ...(code === 'CONFLICT' ? [t('macros.duplicate')] : []),
    ...(server['name'] ? [t('macros.nameTooLong', { max: AUTOMATION_LIMITS.macroName })] : []),
  ];
  const serverActions = server['actions'] || server['brandId'] ? t('macros.errors.actionsInvalid') : '';
  const inline = code === 'CONFLICT' || (code === 'VALIDATION' && Object.keys(server).length > 0);
  const actionsMessage = listError || serverActions;

  return (
    <form className="form form-grid" onSubmit={submit} noValidate aria-label={label}>
      {inline ? null : <ErrorMessage error={error} overrides={{ NOT_FOUND: t('macros.gone') }} />}
      <Field label={t('macros.name')} errors={[...nameErrors, ...serverName]}>
        <input
          type="text"
          maxLength={AUTOMATION_LIMITS.macroName + 1}
          autoComplete="off"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </Field>
      <Field label={t('macros.brand')} hint={t('macros.brandHint')}>
        <select
          value={brandId ?? ''}
          onChange={(e) => {
            const next = e.target.value || null;
            setBrandId(next);
            // Another brand's tags, and teams not serving the new brand, cannot stay chosen.
            const serves = (teamId: string) =>
              teams.some((x) => x.id === teamId && (!next || x.brandIds.length === 0 || x.brandIds.includes(next)));
            setDrafts((list) => list.map((d) => ({ ...d, tagId: '', teamId: serves(d.teamId) ? d.teamId : '' })));
          }}
        >
          <option value="">{t('macros.allBrands')}</option>
          {brands.map((brand) => (
            <option key={brand.id} value={brand.id}>
              {brand.name}
            </option>
          ))}
        </select>
      </Field>
      <fieldset className="fieldset">
        <legend>{t('macros.actions')}</legend>
        <p className="field-hint">{t('macros.actionsHint')}</p>
        <ol className="macro-actions">
          {drafts.map((draft, i) => (
            <li key={draft.key} className="macro-action">
              <MacroActionRow
                draft={draft}
                n={i + 1}
                hasBrand={brandId !== null}
                tags={brandTags}
                teams={brandTeams}
                problem={problems.get(draft.key)}
                onChange={(change) => patch(draft.key, change)}
              />
              <div className="form-actions">
                <button
                  type="button"
                  className="button button-small"
                  aria-label={t('macros.form.moveUp', { n: i + 1 })}
                  disabled={i === 0}
                  onClick={() => setDrafts((list) => moved(list, i, -1))}
                >
                  {t('macros.form.up')}
                </button>
                <button
                  type="button"
                  className="button button-small"
                  aria-label={t('macros.form.moveDown', { n: i + 1 })}
                  disabled={i === drafts.length - 1}
                  onClick={() => setDrafts((list) => moved(list, i, 1))}
                >
                  {t('macros.form.down')}
                </button>
                <button
                  type="button"
                  className="button button-small button-danger-outline"
                  aria-label={t('macros.form.remove', { n: i + 1 })}
                  onClick={() => setDrafts((list) => list.filter((d) => d.key !== draft.key))}
                >
                  {t('macros.form.removeShort')}
                </button>
              </div>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="button button-small"
          disabled={drafts.length >= max}
          onClick={() => setDrafts((list) => [...list, newDraft()])}
        >
          {t('macros.form.add')}
        </button>
        {drafts.length >= max ? <p className="field-hint">{t('macros.errors.tooManyActions', { max })}</p> : null}
        {actionsMessage ? (
          <p className="field-error" role="alert">
            {actionsMessage}
          </p>
        ) : null}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel} disabled={pending}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
