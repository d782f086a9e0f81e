import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { useIdentityChange } from '@/lib/session.ts';
import { useTRPC, type Me } from '@/lib/trpc.ts';
import { SecondStepForm } from './second-step-form.tsx';

/**
 * Email + password sign-in, then, for an account with two-step sign-in, its code (SecondStepForm). On success the
 * cache is reset for the new identity and `onSignedIn` gets `auth.me`.
 */
export function SignInForm({ onSignedIn }: { onSignedIn: (me: Me | null) => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const identity = useIdentityChange();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<string | null>(null);
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: async (result) => {
        if (result.ok) onSignedIn(await identity.signedIn());
        else setChallenge(result.secondFactor.challenge);
      },
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email: email.trim(), password });
  };

  if (challenge) {
    const restart = () => {
      setChallenge(null);
      setPassword('');
      signIn.reset();
    };
    return <SecondStepForm challenge={challenge} onSignedIn={onSignedIn} onRestart={restart} />;
  }

  return (
    <form className="form" onSubmit={submit} aria-label={t('auth.signInTitle')}>
      <ErrorMessage error={signIn.error} />
      <Field label={t('auth.email')}>
        <input
          type="email"
          name="email"
          autoComplete="username"
          required
          maxLength={254}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </Field>
      <Field label={t('auth.password')}>
        <input
          type="password"
          name="password"
          autoComplete="current-password"
          required
          maxLength={128}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      <button type="submit" className="button button-primary button-block" disabled={signIn.isPending}>
        {signIn.isPending ? t('auth.signingIn') : t('auth.signIn')}
      </button>
    </form>
  );
}
