import { LIMITS, type Locale } from '@perch/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { fieldErrorsOf } from '@/lib/errors.ts';
import { isSupportedLocale, SUPPORTED_LOCALES, switchLanguage } from '@/lib/i18n.ts';
import { useTRPC, type Me } from '@/lib/trpc.ts';

/** Name and interface language; the language applies at once. */
export function ProfileForm({ user }: { user: Me['user'] }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(user.name);
  const [locale, setLocale] = useState<Locale>(isSupportedLocale(user.locale) ? user.locale : 'en');
  const [saved, setSaved] = useState(false);
  const [nameError, setNameError] = useState<string[]>([]);

  const update = useMutation(
    trpc.auth.updateProfile.mutationOptions({
      onSuccess: async (updated) => {
        if (isSupportedLocale(updated.locale)) await switchLanguage(i18n, updated.locale);
        setSaved(true);
        // My name shows in members lists; my locale in `auth.me`.
        await Promise.all([
          queryClient.invalidateQueries(trpc.auth.me.queryFilter()),
          queryClient.invalidateQueries(trpc.members.list.pathFilter()),
        ]);
      },
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (!name.trim()) {
      setNameError([t('validation.required')]);
      return;
    }
    setNameError([]);
    update.mutate({ name: name.trim(), locale });
  };

  const serverFields = fieldErrorsOf(update.error);
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('profile.detailsTitle')}>
      <ErrorMessage error={update.error} />
      {saved ? <SuccessMessage>{t('profile.saved')}</SuccessMessage> : null}
      <Field label={t('profile.email')}>
        <input type="email" value={user.email} readOnly disabled />
      </Field>
      <Field label={t('profile.name')} errors={[...nameError, ...(serverFields['name'] ? [t('validation.name')] : [])]}>
        <input
          type="text"
          autoComplete="name"
          maxLength={LIMITS.name}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </Field>
      <Field label={t('profile.language')}>
        <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
          {SUPPORTED_LOCALES.map((l) => (
            <option key={l} value={l}>
              {t(`languages.${l}`)}
            </option>
          ))}
        </select>
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={update.isPending}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
