import { InboxPage } from '@/features/inbox/components/inbox-page.tsx';
import { useCurrentOrganization } from './org-layout.tsx';

/** `inbox/:view` and `inbox/:view/c/:conversationId` under `/o/:organizationId`. */
export default function InboxRoute() {
  return <InboxPage role={useCurrentOrganization().myRole} />;
}
