import { CANNED_VARIABLES, REPLY_LIMITS, unknownVariables, type CannedVariable } from '@perch/shared';
import { useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { fieldErrorsOf, perchCodeOf } from '@/lib/errors.ts';
import { isApiError } from '@/lib/trpc.ts';
import { insertAt, LANGUAGE_CODE, normalizeShortcut, SHORTCUT, tokenOf } from '../canned-text.ts';
import { CannedLanguageField, languageChoiceOf, OTHER } from './canned-language-field.tsx';
import { CannedPreview } from './canned-preview.tsx';

export interface CannedReplyValues {
  name: string;
  shortcut: string | null;
  text: string;
  language: string;
}

interface CannedReplyFormProps {
  label: string;
  submitLabel: string;
  brandName: string;
  initial?: CannedReplyValues;
  pending: boolean;
  error: unknown;
  onSubmit: (values: CannedReplyValues) => void;
  onCancel?: () => void;
}

type FieldName = 'name' | 'shortcut' | 'text' | 'language';
const KNOWN = CANNED_VARIABLES.map(tokenOf).join(', ');
const VARIABLE_HINT = {
  'customer.name': 'customerName',
  'customer.handle': 'customerHandle',
  'agent.first_name': 'agentFirstName',
  'brand.name': 'brandName',
} as const satisfies Record<CannedVariable, string>;

/** Which field a CONFLICT names (the server says `details.field`: name or shortcut). */
function conflictField(error: unknown): string | null {
  if (!isApiError(error) || perchCodeOf(error) !== 'CONFLICT') return null;
  const field = error.data?.details?.['field'];
  return typeof field === 'string' ? field : 'name';
}

/**
 * A canned reply's name, shortcut, language and text. Variables are inserted at the cursor with buttons, checked
 * as they are typed (the server refuses unknown ones too), and the preview shows the text filled with samples.
 */
export function CannedReplyForm(props: CannedReplyFormProps) {
  const { label, submitLabel, brandName, initial, pending, error, onSubmit, onCancel } = props;
  const { t } = useTranslation();
  const [name, setName] = useState(initial?.name ?? '');
  const [shortcut, setShortcut] = useState(initial?.shortcut ?? '');
  const [choice, setChoice] = useState(languageChoiceOf(initial?.language ?? 'en'));
  const [code, setCode] = useState(initial && languageChoiceOf(initial.language) === OTHER ? initial.language : '');
  const [text, setText] = useState(initial?.text ?? '');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string[]>>>({});
  const textRef = useRef<HTMLTextAreaElement>(null);
  const caret = useRef<number | null>(null);

  // After a variable is inserted, the cursor goes back into the text, just after it.
  useLayoutEffect(() => {
    const el = textRef.current;
    if (el && caret.current !== null) {
      el.focus();
      el.setSelectionRange(caret.current, caret.current);
      caret.current = null;
    }
  }, [text]);

  const insert = (variable: CannedVariable) => {
    const el = textRef.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? start;
    const next = insertAt(text, start, end, tokenOf(variable));
    caret.current = next.caret;
    setText(next.text);
  };

  const unknown = unknownVariables(text);
  const unknownMessage = unknown.length
    ? [t('cannedReplies.errors.unknownVariables', { names: unknown.map((v) => `{{${v}}}`).join(', '), known: KNOWN })]
    : [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmedName = name.trim();
    const cut = normalizeShortcut(shortcut);
    const language = choice === OTHER ? code.trim().toLowerCase() : choice;
    const next: Partial<Record<FieldName, string[]>> = {
      name: !trimmedName
        ? [t('validation.required')]
        : trimmedName.length > REPLY_LIMITS.cannedName
          ? [t('cannedReplies.errors.tooLong', { max: REPLY_LIMITS.cannedName })]
          : [],
      shortcut: cut && !SHORTCUT.test(cut) ? [t('cannedReplies.errors.shortcut')] : [],
      text: !text.trim()
        ? [t('validation.required')]
        : text.length > REPLY_LIMITS.cannedText
          ? [t('cannedReplies.errors.tooLong', { max: REPLY_LIMITS.cannedText })]
          : [],
      language: LANGUAGE_CODE.test(language) ? [] : [t('cannedReplies.errors.language')],
    };
    setErrors(next);
    if (Object.values(next).some((list) => list.length > 0) || unknown.length > 0) return;
    onSubmit({ name: trimmedName, shortcut: cut || null, text, language });
  };

  const server = fieldErrorsOf(error);
  const conflict = conflictField(error);
  const serverErrors: Record<FieldName, string[]> = {
    name: [
      ...(conflict === 'name' ? [t('cannedReplies.errors.duplicateName')] : []),
      ...(server['name'] ? [t('cannedReplies.errors.tooLong', { max: REPLY_LIMITS.cannedName })] : []),
    ],
    shortcut: [
      ...(conflict === 'shortcut' ? [t('cannedReplies.errors.duplicateShortcut')] : []),
      ...(server['shortcut'] ? [t('cannedReplies.errors.shortcut')] : []),
    ],
    // Only when this page's own check let the text through (e.g. a variable this version of the page still knows).
    text:
      server['text'] && !unknown.length
        ? [t('cannedReplies.errors.textRefused', { known: KNOWN, max: REPLY_LIMITS.cannedText })]
        : [],
    language: server['language'] ? [t('cannedReplies.errors.language')] : [],
  };
  const inline = conflict !== null || (perchCodeOf(error) === 'VALIDATION' && Object.keys(server).length > 0);
  const all = (field: FieldName) => [...(errors[field] ?? []), ...serverErrors[field]];

  return (
    <form className="form form-grid canned-form" onSubmit={submit} noValidate aria-label={label}>
      {inline ? null : (
        <ErrorMessage
          error={error}
          overrides={{
            NOT_FOUND: t('cannedReplies.gone'),
            VALIDATION: t('cannedReplies.errors.limit', { max: REPLY_LIMITS.cannedPerBrand }),
          }}
        />
      )}
      <Field label={t('cannedReplies.name')} errors={all('name')}>
        <input
          type="text"
          maxLength={REPLY_LIMITS.cannedName + 1}
          autoComplete="off"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </Field>
      <Field label={t('cannedReplies.shortcut')} hint={t('cannedReplies.shortcutHint')} errors={all('shortcut')}>
        <input
          type="text"
          maxLength={REPLY_LIMITS.cannedShortcut + 1}
          autoComplete="off"
          spellCheck={false}
          value={shortcut}
          onChange={(e) => setShortcut(e.target.value)}
        />
      </Field>
      <CannedLanguageField choice={choice} code={code} errors={all('language')} onChoice={setChoice} onCode={setCode} />
      <Field
        label={t('cannedReplies.text')}
        hint={t('cannedReplies.textHint')}
        errors={[...unknownMessage, ...all('text')]}
      >
        <textarea
          ref={textRef}
          rows={5}
          maxLength={REPLY_LIMITS.cannedText + 1}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </Field>
      <div className="canned-variables" role="group" aria-label={t('cannedReplies.insertVariable')}>
        <span className="field-hint">{t('cannedReplies.insertVariable')}</span>
        {CANNED_VARIABLES.map((variable) => (
          <button
            key={variable}
            type="button"
            className="button button-small"
            title={t(`cannedReplies.variables.${VARIABLE_HINT[variable]}`)}
            onClick={() => insert(variable)}
          >
            <code>{tokenOf(variable)}</code>
          </button>
        ))}
      </div>
      <CannedPreview text={text} brandName={brandName} />
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
