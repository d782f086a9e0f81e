import { MacrosPage } from '@/features/macros/components/macros-page.tsx';
import { useCurrentOrganization } from './org-layout.tsx';

export default function MacrosRoute() {
  return <MacrosPage organization={useCurrentOrganization()} />;
}
