import {
  KEYWORD_MATCH_MODES,
  PRIORITIES,
  RULE_LANGUAGES,
  RULE_LIMITS,
  type KeywordMatchMode,
  type Priority,
  type RuleLanguage,
} from '@perch/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { fieldErrorsOf, perchCodeOf } from '@/lib/errors.ts';
import { errorFieldOf, type RuleTeam } from '../types.ts';

export interface KeywordRuleValues {
  phrase: string;
  matchMode: KeywordMatchMode;
  language: RuleLanguage | null;
  /** Empty: no tag. */
  tagName: string;
  priority: Priority | null;
  teamId: string | null;
}

export const EMPTY_RULE: KeywordRuleValues = {
  phrase: '',
  matchMode: 'word',
  language: null,
  tagName: '',
  priority: null,
  teamId: null,
};

interface KeywordRuleFormProps {
  initial: KeywordRuleValues;
  teams: readonly RuleTeam[];
  submitLabel: string;
  /** Accessible name of the form ("Add a rule", "Edit the rule “lost bag”"). */
  label: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: KeywordRuleValues) => void;
  onCancel?: () => void;
}

const HAS_WORD = /[\p{L}\p{N}]/u;

/** A keyword rule: the phrase and how it matches, then what it does (at least one of tag, priority, team). */
export function KeywordRuleForm({
  initial,
  teams,
  submitLabel,
  label,
  pending,
  error,
  onSubmit,
  onCancel,
}: KeywordRuleFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<KeywordRuleValues>(initial);
  const [phraseErrors, setPhraseErrors] = useState<string[]>([]);
  const [actionError, setActionError] = useState('');
  const set = <K extends keyof KeywordRuleValues>(key: K, value: KeywordRuleValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const code = perchCodeOf(error);
  const server = fieldErrorsOf(error);
  const field = errorFieldOf(error);
  const phraseTaken = code === 'CONFLICT' && field === 'phrase';
  const serverPhrase = [
    ...(server['phrase'] || (code === 'VALIDATION' && field === 'phrase')
      ? [t('rules.phraseInvalid', { max: RULE_LIMITS.phrase })]
      : []),
    ...(phraseTaken ? [t('rules.phraseTaken')] : []),
  ];
  const serverTag = server['tagName'] ? [t('rules.tagInvalid', { max: RULE_LIMITS.tagName })] : [];
  const serverTeam =
    code === 'VALIDATION' && field === 'teamId'
      ? [t('rules.teamNotForBrand')]
      : code === 'NOT_FOUND' && values.teamId
        ? [t('rules.teamGone')]
        : [];
  const serverActions = code === 'VALIDATION' && field === 'actions' ? t('rules.actionRequired') : '';
  // A refusal shown next to its field is not repeated above the form.
  const shownInline =
    serverPhrase.length > 0 ||
    serverTag.length > 0 ||
    serverTeam.length > 0 ||
    serverActions !== '' ||
    (code === 'VALIDATION' && Object.keys(server).length > 0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const phrase = values.phrase.trim();
    const errors = !phrase
      ? [t('validation.required')]
      : HAS_WORD.test(phrase)
        ? []
        : [t('rules.phraseInvalid', { max: RULE_LIMITS.phrase })];
    const noAction = !values.tagName.trim() && values.priority === null && values.teamId === null;
    setPhraseErrors(errors);
    setActionError(noAction ? t('rules.actionRequired') : '');
    if (errors.length || noAction) return;
    onSubmit({ ...values, phrase, tagName: values.tagName.trim() });
  };

  const actionMessage = actionError || serverActions;
  return (
    <form className="form form-grid" onSubmit={submit} noValidate aria-label={label}>
      {shownInline ? null : <ErrorMessage error={error} />}
      <Field label={t('rules.phrase')} hint={t('rules.phraseHint')} errors={[...phraseErrors, ...serverPhrase]}>
        <input
          type="text"
          maxLength={RULE_LIMITS.phrase}
          autoComplete="off"
          value={values.phrase}
          onChange={(e) => set('phrase', e.target.value)}
        />
      </Field>
      <Field label={t('rules.matchMode')} hint={t(`rules.matchModeHints.${values.matchMode}`)}>
        <select value={values.matchMode} onChange={(e) => set('matchMode', e.target.value as KeywordMatchMode)}>
          {KEYWORD_MATCH_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {t(`rules.matchModes.${mode}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('rules.language')} hint={t('rules.languageHint')}>
        <select
          value={values.language ?? ''}
          onChange={(e) => set('language', (e.target.value || null) as RuleLanguage | null)}
        >
          <option value="">{t('rules.anyLanguage')}</option>
          {RULE_LANGUAGES.map((language) => (
            <option key={language} value={language}>
              {t(`rules.languages.${language}`)}
            </option>
          ))}
        </select>
      </Field>
      <fieldset className="fieldset">
        <legend>{t('rules.actions')}</legend>
        <p className="field-hint">{t('rules.actionsHint')}</p>
        <Field label={t('rules.tag')} hint={t('rules.tagHint')} errors={serverTag}>
          <input
            type="text"
            maxLength={RULE_LIMITS.tagName}
            autoComplete="off"
            value={values.tagName}
            onChange={(e) => set('tagName', e.target.value)}
          />
        </Field>
        <Field label={t('rules.priority')}>
          <select
            value={values.priority ?? ''}
            onChange={(e) => set('priority', (e.target.value || null) as Priority | null)}
          >
            <option value="">{t('rules.noPriority')}</option>
            {PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {t(`rules.priorities.${priority}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('rules.team')} hint={teams.length === 0 ? t('rules.noTeams') : undefined} errors={serverTeam}>
          <select value={values.teamId ?? ''} onChange={(e) => set('teamId', e.target.value || null)}>
            <option value="">{t('rules.noTeam')}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </Field>
        {actionMessage ? (
          <p className="field-error" role="alert">
            {actionMessage}
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
