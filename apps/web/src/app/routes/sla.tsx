import { SlaPage } from '@/features/sla/components/sla-page.tsx';
import { useCurrentOrganization } from './org-layout.tsx';

export default function SlaRoute() {
  return <SlaPage organization={useCurrentOrganization()} />;
}
