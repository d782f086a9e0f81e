import { AutomationPage } from '@/features/automation/components/automation-page.tsx';
import { useCurrentOrganization } from './org-layout.tsx';

export default function AutomationRoute() {
  return <AutomationPage organization={useCurrentOrganization()} />;
}
