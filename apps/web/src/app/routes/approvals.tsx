import { ApprovalsPage } from '@/features/approvals/components/approvals-page.tsx';
import { useCurrentOrganization } from './org-layout.tsx';

export default function ApprovalsRoute() {
  return <ApprovalsPage organization={useCurrentOrganization()} />;
}
