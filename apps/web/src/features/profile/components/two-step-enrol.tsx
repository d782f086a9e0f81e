import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { CopyField } from '@/components/copy-field.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { useTRPC } from '@/lib/trpc.ts';

/** The secret shown in groups of four, as authenticator apps accept it with or without spaces. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/**
 * Setting up two-step sign-in: the server makes a secret (kept pending until confirmed) and its QR code; the user
 * adds it to their app, types the code the app shows, and gets their recovery codes (`onEnabled`).
 */
export function TwoStepEnrol({ onEnabled }: { onEnabled: (recoveryCodes: string[]) => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const begin = useMutation(trpc.totp.begin.mutationOptions());
  const confirm = useMutation(
    trpc.totp.confirm.mutationOptions({
      onSuccess: async ({ recoveryCodes }) => {
        onEnabled(recoveryCodes);
        // The status, and any organization that was waiting for this (organizations.get says so).
        await queryClient.invalidateQueries(trpc.totp.status.queryFilter());
        await queryClient.invalidateQueries(trpc.organizations.get.pathFilter());
      },
    }),
  );

  if (!begin.data) {
    return (
      <div className="stack">
        <ErrorMessage error={begin.error} />
        <div className="form-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={begin.isPending}
            onClick={() => begin.mutate()}
          >
            {t('twoStep.setUp')}
          </button>
        </div>
      </div>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate({ code: code.replace(/\s+/g, '') });
  };

  return (
    <div className="stack two-step-enrol">
      <h3>{t('twoStep.scanTitle')}</h3>
      <img className="two-step-qr" src={begin.data.qrCode} alt={t('twoStep.qrAlt')} width={200} height={200} />
      <CopyField label={t('twoStep.manualKey')} value={grouped(begin.data.secret)} testId="two-step-secret" />
      <form className="form" onSubmit={submit} aria-label={t('twoStep.confirmTitle')}>
        <h3>{t('twoStep.confirmTitle')}</h3>
        <ErrorMessage error={confirm.error} />
        <Field label={t('auth.code')}>
          <input
            type="text"
            name="code"
            autoComplete="one-time-code"
            inputMode="numeric"
            pattern="[0-9 ]*"
            maxLength={7}
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={confirm.isPending}>
            {t('twoStep.turnOn')}
          </button>
          <button type="button" className="button" onClick={() => begin.reset()}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
