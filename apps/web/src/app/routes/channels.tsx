import { ChannelsPage } from '@/features/channels/components/channels-page.tsx';
import { useCurrentOrganization } from './org-layout.tsx';

export default function ChannelsRoute() {
  return <ChannelsPage organization={useCurrentOrganization()} />;
}
