import { DEFAULT_TAG_COLOR, WORKSPACE_LIMITS } from '@perch/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { fieldErrorsOf, perchCodeOf } from '@/lib/errors.ts';
import { TAG_COLOR } from '../types.ts';
import { TagSwatch } from './tag-swatch.tsx';

export interface TagValues {
  name: string;
  color: string;
}

interface TagFormProps {
  label: string;
  submitLabel: string;
  initial?: TagValues;
  pending: boolean;
  error: unknown;
  onSubmit: (values: TagValues) => void;
  onCancel?: () => void;
}

/** Name and colour of a tag, checked here as the server checks them; the server's refusals shown per field. */
export function TagForm({ label, submitLabel, initial, pending, error, onSubmit, onCancel }: TagFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial?.name ?? '');
  const [color, setColor] = useState(initial?.color ?? DEFAULT_TAG_COLOR);
  const [errors, setErrors] = useState<{ name?: string[]; color?: string[] }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    const next = {
      name: !trimmed
        ? [t('validation.required')]
        : trimmed.length > WORKSPACE_LIMITS.tagName
          ? [t('tags.nameTooLong', { max: WORKSPACE_LIMITS.tagName })]
          : [],
      color: TAG_COLOR.test(color.trim()) ? [] : [t('tags.colorInvalid')],
    };
    setErrors(next);
    if (next.name.length || next.color.length) return;
    onSubmit({ name: trimmed, color: color.trim().toLowerCase() });
  };

  const code = perchCodeOf(error);
  const server = fieldErrorsOf(error);
  const serverName = [
    ...(code === 'CONFLICT' ? [t('tags.duplicate')] : []),
    ...(server['name'] ? [t('tags.nameTooLong', { max: WORKSPACE_LIMITS.tagName })] : []),
  ];
  const serverColor = server['color'] ? [t('tags.colorInvalid')] : [];
  const inline = code === 'CONFLICT' || (code === 'VALIDATION' && Object.keys(server).length > 0);

  return (
    <form className="form form-grid" onSubmit={submit} noValidate aria-label={label}>
      {inline ? null : <ErrorMessage error={error} />}
      <Field label={t('tags.name')} errors={[...(errors.name ?? []), ...serverName]}>
        <input
          type="text"
          maxLength={WORKSPACE_LIMITS.tagName + 1}
          autoComplete="off"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </Field>
      <Field label={t('tags.color')} hint={t('tags.colorHint')} errors={[...(errors.color ?? []), ...serverColor]}>
        <input
          type="text"
          maxLength={7}
          autoComplete="off"
          spellCheck={false}
          value={color}
          onChange={(e) => setColor(e.target.value)}
        />
      </Field>
      <div className="form-actions">
        <TagSwatch color={color.trim()} />
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
