import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { proofInput, SecondFactorField, type ProofMode } from '@/components/second-factor-field.tsx';
import { perchCodeOf } from '@/lib/errors.ts';
import { useTRPC } from '@/lib/trpc.ts';

/** New recovery codes (the old ones stop working), with a code of the app or a recovery code. */
export function RegenerateRecoveryCodes({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<ProofMode>('code');
  const [value, setValue] = useState('');
  const regenerate = useMutation(
    trpc.totp.regenerateRecoveryCodes.mutationOptions({
      onSuccess: async ({ recoveryCodes }) => {
        setValue('');
        onCodes(recoveryCodes);
        await queryClient.invalidateQueries(trpc.totp.status.queryFilter());
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    regenerate.mutate(proofInput(mode, value));
  };
  return (
    <form className="form" onSubmit={submit} aria-label={t('twoStep.regenerateTitle')}>
      <h3>{t('twoStep.regenerateTitle')}</h3>
      <p className="muted">{t('twoStep.regenerateHelp')}</p>
      <ErrorMessage error={regenerate.error} />
      <SecondFactorField mode={mode} onModeChange={setMode} value={value} onChange={setValue} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={regenerate.isPending}>
          {t('twoStep.regenerate')}
        </button>
      </div>
    </form>
  );
}

/** Turning two-step sign-in off takes the password and a code (or a recovery code). */
export function DisableTwoStep({ onDisabled }: { onDisabled: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const [mode, setMode] = useState<ProofMode>('code');
  const [value, setValue] = useState('');
  const disable = useMutation(
    trpc.totp.disable.mutationOptions({
      onSuccess: async () => {
        onDisabled();
        await queryClient.invalidateQueries(trpc.totp.status.queryFilter());
        await queryClient.invalidateQueries(trpc.organizations.get.pathFilter());
      },
    }),
  );
  const wrongPassword = perchCodeOf(disable.error) === 'INVALID_CREDENTIALS';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    disable.mutate({ password, ...proofInput(mode, value) });
  };
  return (
    <form className="form" onSubmit={submit} aria-label={t('twoStep.disableTitle')}>
      <h3>{t('twoStep.disableTitle')}</h3>
      <p className="muted">{t('twoStep.disableHelp')}</p>
      {wrongPassword ? null : <ErrorMessage error={disable.error} />}
      <Field label={t('twoStep.password')} errors={wrongPassword ? [t('twoStep.wrongPassword')] : undefined}>
        <input
          type="password"
          autoComplete="current-password"
          maxLength={128}
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      <SecondFactorField mode={mode} onModeChange={setMode} value={value} onChange={setValue} />
      <div className="form-actions">
        <button type="submit" className="button button-danger-outline" disabled={disable.isPending}>
          {t('twoStep.turnOff')}
        </button>
      </div>
    </form>
  );
}
