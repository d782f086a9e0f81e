import { ReportsPage } from '@/features/reports/components/reports-page.tsx';
import { useCurrentOrganization } from './org-layout.tsx';

export default function ReportsRoute() {
  return <ReportsPage organization={useCurrentOrganization()} />;
}
