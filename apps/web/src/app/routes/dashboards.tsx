import { DashboardsPage } from '@/features/dashboards/components/dashboards-page.tsx';
import { useCurrentOrganization } from './org-layout.tsx';

export default function DashboardsRoute() {
  return <DashboardsPage organization={useCurrentOrganization()} />;
}
