import { TeamsPage } from '@/features/teams/components/teams-page.tsx';
import { useCurrentOrganization } from './org-layout.tsx';

export default function TeamsRoute() {
  return <TeamsPage organization={useCurrentOrganization()} />;
}
