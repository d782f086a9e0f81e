import { AuditLog } from '@/features/audit/components/audit-log.tsx';
import { useCurrentOrganization } from './org-layout.tsx';

export default function AuditRoute() {
  return <AuditLog organizationId={useCurrentOrganization().id} />;
}
