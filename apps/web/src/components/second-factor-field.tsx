import { useTranslation } from '@/lib/use-translation.tsx';
import { Field } from './field.tsx';

export type ProofMode = 'code' | 'recovery';

/** What a second-factor field holds, as the server's inputs name it. */
export function proofInput(mode: ProofMode, value: string): { code: string } | { recoveryCode: string } {
  return mode === 'code' ? { code: value.replace(/\s+/g, '') } : { recoveryCode: value.trim() };
}

/**
 * The code of the authenticator app (numeric keypad, the browser's one-time-code autofill) or, after a click, one
 * of the recovery codes. Used by the sign-in's second step and the profile's two-step settings.
 */
export function SecondFactorField({
  mode,
  onModeChange,
  value,
  onChange,
  errors,
  autoFocus = false,
}: {
  mode: ProofMode;
  onModeChange: (mode: ProofMode) => void;
  value: string;
  onChange: (value: string) => void;
  errors?: readonly string[] | undefined;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const switchTo = (next: ProofMode) => {
    onChange('');
    onModeChange(next);
  };
  return (
    <div className="stack-tight">
      {mode === 'code' ? (
        <Field label={t('auth.code')} errors={errors}>
          <input
            key="code"
            type="text"
            name="code"
            autoComplete="one-time-code"
            inputMode="numeric"
            pattern="[0-9 ]*"
            maxLength={7}
            required
            autoFocus={autoFocus}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
        </Field>
      ) : (
        <Field label={t('auth.recoveryCode')} errors={errors}>
          <input
            key="recovery"
            type="text"
            name="recoveryCode"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={40}
            required
            autoFocus={autoFocus}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
        </Field>
      )}
      <button type="button" className="button-link" onClick={() => switchTo(mode === 'code' ? 'recovery' : 'code')}>
        {mode === 'code' ? t('auth.useRecoveryCode') : t('auth.useCode')}
      </button>
    </div>
  );
}
