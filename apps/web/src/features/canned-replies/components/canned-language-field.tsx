import { useTranslation } from '@/lib/use-translation.tsx';
import { Field } from '@/components/field.tsx';
import { languageName } from '../language-name.ts';

/** The languages offered by name; any other is typed as a two-letter code. */
export const NAMED_LANGUAGES = ['en', 'fr'] as const;
export const OTHER = 'other';

/** The select's value for a stored language code. */
export const languageChoiceOf = (code: string) =>
  (NAMED_LANGUAGES as readonly string[]).includes(code) ? code : OTHER;

interface CannedLanguageFieldProps {
  choice: string;
  code: string;
  errors: string[];
  onChoice: (choice: string) => void;
  onCode: (code: string) => void;
}

/** Language of a canned reply: English, French, or another one as its ISO 639-1 code. */
export function CannedLanguageField({ choice, code, errors, onChoice, onCode }: CannedLanguageFieldProps) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <Field label={t('cannedReplies.language')} errors={choice === OTHER ? [] : errors}>
        <select value={choice} onChange={(e) => onChoice(e.target.value)}>
          {NAMED_LANGUAGES.map((lang) => (
            <option key={lang} value={lang}>
              {languageName(lang, i18n.language)}
            </option>
          ))}
          <option value={OTHER}>{t('cannedReplies.otherLanguage')}</option>
        </select>
      </Field>
      {choice === OTHER ? (
        <Field label={t('cannedReplies.languageCode')} hint={t('cannedReplies.languageCodeHint')} errors={errors}>
          <input
            type="text"
            maxLength={2}
            autoComplete="off"
            spellCheck={false}
            value={code}
            onChange={(e) => onCode(e.target.value)}
          />
        </Field>
      ) : null}
    </>
  );
}
