import { OrganizationOverview } from '@/features/organizations/components/organization-overview.tsx';
import { useCurrentOrganization } from './org-layout.tsx';

export function OverviewRoute() {
  return <OrganizationOverview organization={useCurrentOrganization()} />;
}
