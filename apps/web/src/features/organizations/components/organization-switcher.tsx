import { useId } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { useLocation } from 'wouter';
import type { Membership } from '@/lib/trpc.ts';

/** Switches between the organizations the user belongs to (from `auth.me`). */
export function OrganizationSwitcher({
  memberships,
  currentId,
}: {
  memberships: Membership[];
  currentId: string | null;
}) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const id = useId();
  const known = memberships.some((m) => m.organizationId === currentId);
  return (
    <div className="switcher">
      <label htmlFor={id}>{t('shell.organization')}</label>
      <select
        id={id}
        value={known && currentId ? currentId : ''}
        onChange={(e) => {
          if (e.target.value) navigate(`/o/${e.target.value}`);
        }}
      >
        {!known ? <option value="">{t('shell.chooseOrganization')}</option> : null}
        {memberships.map((m) => (
          <option key={m.organizationId} value={m.organizationId}>
            {m.organizationName}
          </option>
        ))}
      </select>
    </div>
  );
}
