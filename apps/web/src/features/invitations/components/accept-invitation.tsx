import { LIMITS } from '@perch/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { Loading } from '@/components/loading.tsx';
import { fieldErrorsOf, perchCodeOf, useErrorMessage } from '@/lib/errors.ts';
import { useFormatDate } from '@/lib/format.ts';
import { useIdentityChange } from '@/lib/session.ts';
import { useTRPC, type InvitationPreview } from '@/lib/trpc.ts';
import { NewPasswordInput } from '@/components/new-password-input.tsx';

interface AcceptInvitationProps {
  token: string;
  onAccepted: (organizationId: string) => void;
}

/** The page an invitation link opens: who invites whom, then name + password (new account) or the password. */
export function AcceptInvitation({ token, onAccepted }: AcceptInvitationProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const errorMessage = useErrorMessage();
  const preview = useQuery(trpc.invitations.preview.queryOptions({ token }, { retry: false, staleTime: Infinity }));

  if (preview.isPending) return <Loading />;
  if (preview.isError) {
    const code = perchCodeOf(preview.error);
    // A malformed token is just an invalid link to the person holding it.
    const error = errorMessage(preview.error, {
      VALIDATION: t('errors.INVITATION_INVALID'),
      NOT_FOUND: t('errors.INVITATION_INVALID'),
    });
    return (
      <div className="stack">
        <h1>{t('invitation.title')}</h1>
        <p className="alert alert-error" role="alert" data-testid="invitation-error" data-code={code ?? undefined}>
          {error}
        </p>
        <p>{t('invitation.askAgain')}</p>
      </div>
    );
  }
  return <AcceptForm token={token} invitation={preview.data} onAccepted={onAccepted} />;
}

function AcceptForm({ token, invitation, onAccepted }: AcceptInvitationProps & { invitation: InvitationPreview }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const formatDate = useFormatDate();
  const identity = useIdentityChange();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string[]>>({});

  const accept = useMutation(
    trpc.invitations.accept.mutationOptions({
      onSuccess: async ({ organizationId }) => {
        await identity.signedIn();
        onAccepted(organizationId);
      },
    }),
  );

  const code = perchCodeOf(accept.error);
  const serverFields = fieldErrorsOf(accept.error);
  const passwordErrors = [
    ...(clientErrors['password'] ?? []),
    ...(code === 'WEAK_PASSWORD' ? [t('errors.WEAK_PASSWORD')] : []),
    ...(code === 'INVALID_CREDENTIALS' ? [t('invitation.wrongPassword')] : []),
    ...(serverFields['password'] ? [t('validation.password', { min: LIMITS.passwordMin })] : []),
  ];
  const nameErrors = [...(clientErrors['name'] ?? []), ...(serverFields['name'] ? [t('validation.name')] : [])];
  // Field-level codes are shown beside the field; the others above the form.
  const shownBesideFields =
    code === 'WEAK_PASSWORD' ||
    code === 'INVALID_CREDENTIALS' ||
    (code === 'VALIDATION' && Boolean(serverFields['name'] || serverFields['password']));
  const formError = shownBesideFields ? null : accept.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string[]> = {};
    if (!invitation.accountExists) {
      if (!name.trim()) errors['name'] = [t('validation.required')];
      if (password.length < LIMITS.passwordMin)
        errors['password'] = [t('validation.password', { min: LIMITS.passwordMin })];
      if (password !== confirm) errors['confirm'] = [t('validation.passwordsDiffer')];
    } else if (!password) {
      errors['password'] = [t('validation.required')];
    }
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    accept.mutate(invitation.accountExists ? { token, password } : { token, name: name.trim(), password });
  };

  return (
    <div className="stack">
      <h1>{t('invitation.title')}</h1>
      <dl className="summary" data-testid="invitation-summary">
        <dt>{t('invitation.organization')}</dt>
        <dd>{invitation.organizationName}</dd>
        <dt>{t('invitation.email')}</dt>
        <dd>{invitation.email}</dd>
        <dt>{t('invitation.role')}</dt>
        <dd>{t(`roles.${invitation.role}`)}</dd>
        <dt>{t('invitation.expires')}</dt>
        <dd>{formatDate(invitation.expiresAt)}</dd>
      </dl>
      <p>
        {invitation.accountExists
          ? t('invitation.existingAccount', { email: invitation.email })
          : t('invitation.newAccount')}
      </p>
      <form className="form" onSubmit={submit} noValidate aria-label={t('invitation.accept')}>
        <ErrorMessage error={formError} />
        {invitation.accountExists ? (
          <Field label={t('auth.password')} errors={passwordErrors}>
            <input
              type="password"
              autoComplete="current-password"
              maxLength={LIMITS.passwordMax}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </Field>
        ) : (
          <>
            <Field label={t('invitation.name')} errors={nameErrors}>
              <input
                type="text"
                autoComplete="name"
                maxLength={LIMITS.name}
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            </Field>
            <Field
              label={t('invitation.choosePassword')}
              hint={t('invitation.passwordHint', { min: LIMITS.passwordMin })}
              errors={passwordErrors}
            >
              <NewPasswordInput value={password} onValueChange={setPassword} />
            </Field>
            <Field label={t('invitation.confirmPassword')} errors={clientErrors['confirm']}>
              <NewPasswordInput value={confirm} onValueChange={setConfirm} />
            </Field>
          </>
        )}
        <button type="submit" className="button button-primary button-block" disabled={accept.isPending}>
          {t('invitation.accept')}
        </button>
      </form>
    </div>
  );
}
