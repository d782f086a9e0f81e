import { MembersPage } from '@/features/members/components/members-page.tsx';
import { useCurrentOrganization } from './org-layout.tsx';

export default function MembersRoute() {
  return <MembersPage organization={useCurrentOrganization()} />;
}
