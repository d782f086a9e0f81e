import { WORKSPACE_LIMITS } from '@perch/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { fieldErrorsOf, perchCodeOf } from '@/lib/errors.ts';
import type { Brand } from '@/lib/trpc.ts';
import type { Agent } from '@/features/agents/types.ts';

export interface TeamValues {
  name: string;
  brandIds: string[];
  membershipIds: string[];
}

interface TeamFormProps {
  label: string;
  submitLabel: string;
  initial?: TeamValues;
  brands: readonly Brand[];
  agents: readonly Agent[];
  pending: boolean;
  error: unknown;
  onSubmit: (values: TeamValues) => void;
  onCancel?: () => void;
}

const toggle = (list: string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));

/** A team's name, the brands it serves (none: all) and its members (people who work conversations). */
export function TeamForm({
  label,
  submitLabel,
  initial,
  brands,
  agents,
  pending,
  error,
  onSubmit,
  onCancel,
}: TeamFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial?.name ?? '');
  const [brandIds, setBrandIds] = useState<string[]>(initial?.brandIds ?? []);
  const [membershipIds, setMembershipIds] = useState<string[]>(initial?.membershipIds ?? []);
  const [nameErrors, setNameErrors] = useState<string[]>([]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    const errors = !trimmed
      ? [t('validation.required')]
      : trimmed.length > WORKSPACE_LIMITS.teamName
        ? [t('teams.nameTooLong', { max: WORKSPACE_LIMITS.teamName })]
        : [];
    setNameErrors(errors);
    if (errors.length) return;
    onSubmit({ name: trimmed, brandIds, membershipIds });
  };

  const code = perchCodeOf(error);
  const server = fieldErrorsOf(error);
  const serverName = [
    ...(code === 'CONFLICT' ? [t('teams.duplicate')] : []),
    ...(server['name'] ? [t('teams.nameTooLong', { max: WORKSPACE_LIMITS.teamName })] : []),
  ];
  const inline = code === 'CONFLICT' || (code === 'VALIDATION' && Boolean(server['name']));

  return (
    <form className="form form-grid" onSubmit={submit} noValidate aria-label={label}>
      {inline ? null : <ErrorMessage error={error} overrides={{ FORBIDDEN: t('teams.beyondYourBrands') }} />}
      <Field label={t('teams.name')} errors={[...nameErrors, ...serverName]}>
        <input
          type="text"
          maxLength={WORKSPACE_LIMITS.teamName + 1}
          autoComplete="off"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </Field>
      <fieldset className="fieldset">
        <legend>{t('teams.brands')}</legend>
        <p className="field-hint">{t('teams.brandsHint')}</p>
        <div className="checkbox-list">
          {brands.map((brand) => (
            <label key={brand.id} className="checkbox">
              <input
                type="checkbox"
                checked={brandIds.includes(brand.id)}
                onChange={(e) => setBrandIds((list) => toggle(list, brand.id, e.target.checked))}
              />
              {brand.name}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('teams.members')}</legend>
        <p className="field-hint">{t('teams.membersHint')}</p>
        <div className="checkbox-list">
          {agents.map((agent) => (
            <label key={agent.membershipId} className="checkbox">
              <input
                type="checkbox"
                checked={membershipIds.includes(agent.membershipId)}
                onChange={(e) => setMembershipIds((list) => toggle(list, agent.membershipId, e.target.checked))}
              />
              {agent.name}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
