import { RulesPage } from '@/features/rules/components/rules-page.tsx';
import { useCurrentOrganization } from './org-layout.tsx';

export default function RulesRoute() {
  return <RulesPage organization={useCurrentOrganization()} />;
}
