import { WallboardPage } from '@/features/dashboards/components/wallboard-page.tsx';
import { useCurrentOrganization } from './org-layout.tsx';

export default function WallboardRoute() {
  return <WallboardPage organization={useCurrentOrganization()} />;
}
