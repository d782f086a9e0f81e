import { OverQuotaPage } from '@/features/billing/components/over-quota-page.tsx';
import { useCurrentOrganization } from './org-layout.tsx';

/** `inbox/over-quota?brand=` under `/o/:organizationId`: mentions held over a brand's monthly quota. */
export default function OverQuotaRoute() {
  const organization = useCurrentOrganization();
  return <OverQuotaPage organizationId={organization.id} role={organization.myRole} />;
}
