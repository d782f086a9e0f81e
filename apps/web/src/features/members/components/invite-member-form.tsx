import { LIMITS, type Role } from '@perch/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { CopyField } from '@/components/copy-field.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { grantableRoles } from '@/lib/access.ts';
import { fieldErrorsOf, perchCodeOf } from '@/lib/errors.ts';
import { useFormatDate } from '@/lib/format.ts';
import { useTRPC, type Brand, type CreatedInvitation, type Organization } from '@/lib/trpc.ts';
import { ResultCallout } from '@/components/result-callout.tsx';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Invites a person by email with a role, optionally limited to some brands. Perch sends no email: the accept
 * link is shown once, to copy and send by your own means.
 */
export function InviteMemberForm({
  organization,
  brands,
}: {
  organization: Organization;
  brands: Brand[] | undefined;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formatDate = useFormatDate();
  const organizationId = organization.id;
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [limitBrands, setLimitBrands] = useState(false);
  const [brandIds, setBrandIds] = useState<string[]>([]);
  const [clientErrors, setClientErrors] = useState<Record<string, string[]>>({});
  const [created, setCreated] = useState<CreatedInvitation | null>(null);

  const invite = useMutation(
    trpc.members.invite.mutationOptions({
      onSuccess: async (invitation) => {
        setCreated(invitation);
        setEmail('');
        setBrandIds([]);
        setLimitBrands(false);
        await Promise.all([
          queryClient.invalidateQueries(trpc.invitations.list.queryFilter({ organizationId })),
          queryClient.invalidateQueries(trpc.audit.list.infiniteQueryFilter({ organizationId })),
        ]);
      },
    }),
  );

  const serverFields = fieldErrorsOf(invite.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string[]> = {};
    if (!EMAIL.test(email.trim())) errors['email'] = [t('validation.email')];
    if (limitBrands && brandIds.length === 0) errors['brandIds'] = [t('members.chooseBrands')];
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    setCreated(null);
    invite.mutate({ organizationId, email: email.trim(), role, brandIds: limitBrands ? brandIds : [] });
  };

  const toggleBrand = (id: string, on: boolean) =>
    setBrandIds((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));

  return (
    <div className="stack">
      <form className="form form-grid" onSubmit={submit} noValidate aria-label={t('members.inviteTitle')}>
        {perchCodeOf(invite.error) === 'VALIDATION' && Object.keys(serverFields).length ? null : (
          <ErrorMessage error={invite.error} />
        )}
        <Field
          label={t('members.email')}
          errors={[...(clientErrors['email'] ?? []), ...(serverFields['email'] ? [t('validation.email')] : [])]}
        >
          <input
            type="email"
            autoComplete="off"
            maxLength={LIMITS.email}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </Field>
        <Field label={t('members.role')}>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {grantableRoles(organization.myRole).map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        {brands && brands.length > 0 ? (
          <fieldset className="fieldset">
            <legend>{t('members.brandAccess')}</legend>
            <label className="checkbox">
              <input type="checkbox" checked={limitBrands} onChange={(e) => setLimitBrands(e.target.checked)} />
              {t('members.limitToBrands')}
            </label>
            {limitBrands ? (
              <div className="checkbox-list" role="group" aria-label={t('members.brands')}>
                {brands.map((brand) => (
                  <label key={brand.id} className="checkbox">
                    <input
                      type="checkbox"
                      checked={brandIds.includes(brand.id)}
                      onChange={(e) => toggleBrand(brand.id, e.target.checked)}
                    />
                    {brand.name}
                  </label>
                ))}
              </div>
            ) : null}
            {clientErrors['brandIds'] ? <p className="field-error">{clientErrors['brandIds'].join(' ')}</p> : null}
          </fieldset>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={invite.isPending}>
            {t('members.invite')}
          </button>
        </div>
      </form>
      {created ? (
        <ResultCallout title={t('members.inviteLinkTitle')} onDismiss={() => setCreated(null)} testId="invite-result">
          <p>{t('members.inviteLinkHelp', { email: created.email, date: formatDate(created.expiresAt) })}</p>
          <CopyField label={t('members.inviteLink')} value={created.acceptUrl} testId="invite-accept-url" />
        </ResultCallout>
      ) : null}
    </div>
  );
}
