import { BillingPage } from '@/features/billing/components/billing-page.tsx';
import { useCurrentOrganization } from './org-layout.tsx';

export default function BillingRoute() {
  return <BillingPage organization={useCurrentOrganization()} />;
}
