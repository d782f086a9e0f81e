import { ImportsPage } from '@/features/imports/components/imports-page.tsx';
import { useCurrentOrganization } from './org-layout.tsx';

export default function ImportsRoute() {
  return <ImportsPage organization={useCurrentOrganization()} />;
}
