import { CannedRepliesPage } from '@/features/canned-replies/components/canned-replies-page.tsx';
import { useCurrentOrganization } from './org-layout.tsx';

export default function CannedRepliesRoute() {
  return <CannedRepliesPage organization={useCurrentOrganization()} />;
}
