import { LIMITS } from '@perch/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { perchCodeOf } from '@/lib/errors.ts';
import { useTRPC } from '@/lib/trpc.ts';
import { NewPasswordInput } from '@/components/new-password-input.tsx';

/** Changing the password signs out every other session (the server revokes them). */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [done, setDone] = useState<number | null>(null);

  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: async ({ revokedSessions }) => {
        setDone(revokedSessions);
        setCurrent('');
        setNext('');
        setConfirm('');
        await queryClient.invalidateQueries(trpc.sessions.list.queryFilter());
      },
    }),
  );

  const code = perchCodeOf(change.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const found: Record<string, string[]> = {};
    if (!current) found['current'] = [t('validation.required')];
    if (next.length < LIMITS.passwordMin) found['next'] = [t('validation.password', { min: LIMITS.passwordMin })];
    if (next !== confirm) found['confirm'] = [t('validation.passwordsDiffer')];
    setErrors(found);
    if (Object.keys(found).length) return;
    change.mutate({ currentPassword: current, newPassword: next });
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('profile.passwordTitle')}>
      {code && code !== 'INVALID_CREDENTIALS' && code !== 'WEAK_PASSWORD' ? (
        <ErrorMessage error={change.error} />
      ) : null}
      {done !== null ? <SuccessMessage>{t('profile.passwordChanged', { sessions: done })}</SuccessMessage> : null}
      <Field
        label={t('profile.currentPassword')}
        errors={[
          ...(errors['current'] ?? []),
          ...(code === 'INVALID_CREDENTIALS' ? [t('profile.wrongCurrentPassword')] : []),
        ]}
      >
        <input
          type="password"
          autoComplete="current-password"
          maxLength={LIMITS.passwordMax}
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </Field>
      <Field
        label={t('profile.newPassword')}
        hint={t('invitation.passwordHint', { min: LIMITS.passwordMin })}
        errors={[...(errors['next'] ?? []), ...(code === 'WEAK_PASSWORD' ? [t('errors.WEAK_PASSWORD')] : [])]}
      >
        <NewPasswordInput value={next} onValueChange={setNext} />
      </Field>
      <Field label={t('profile.confirmPassword')} errors={errors['confirm']}>
        <NewPasswordInput value={confirm} onValueChange={setConfirm} />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={change.isPending}>
          {t('profile.changePassword')}
        </button>
      </div>
    </form>
  );
}
