import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { proofInput, SecondFactorField, type ProofMode } from '@/components/second-factor-field.tsx';
import { perchCodeOf } from '@/lib/errors.ts';
import { useIdentityChange } from '@/lib/session.ts';
import { useTRPC, type Me } from '@/lib/trpc.ts';

/**
 * The sign-in's second step, for an account with two-step sign-in: the password was right, the server answered a
 * short-lived challenge; a code of the authenticator app (or a recovery code) with it makes the session.
 */
export function SecondStepForm({
  challenge,
  onSignedIn,
  onRestart,
}: {
  challenge: string;
  onSignedIn: (me: Me | null) => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const identity = useIdentityChange();
  const [mode, setMode] = useState<ProofMode>('code');
  const [value, setValue] = useState('');
  const verify = useMutation(
    trpc.auth.verifySecondFactor.mutationOptions({
      onSuccess: async () => onSignedIn(await identity.signedIn()),
    }),
  );
  const expired = perchCodeOf(verify.error) === 'SIGN_IN_EXPIRED';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    verify.mutate({ challenge, ...proofInput(mode, value) });
  };

  return (
    <form className="form" onSubmit={submit} aria-label={t('auth.secondStepTitle')}>
      <h2>{t('auth.secondStepTitle')}</h2>
      <p className="muted">{mode === 'code' ? t('auth.secondStepHelp') : t('auth.recoveryHelp')}</p>
      <ErrorMessage error={verify.error} />
      <SecondFactorField
        mode={mode}
        onModeChange={(next) => {
          verify.reset();
          setMode(next);
        }}
        value={value}
        onChange={setValue}
        autoFocus
      />
      <button type="submit" className="button button-primary button-block" disabled={verify.isPending || expired}>
        {t('auth.verify')}
      </button>
      <button type="button" className="button button-block" onClick={onRestart}>
        {t('auth.startOver')}
      </button>
    </form>
  );
}
