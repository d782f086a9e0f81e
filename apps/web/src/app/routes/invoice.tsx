import { InvoicePage } from '@/features/billing/components/invoice-page.tsx';
import { useCurrentOrganization } from './org-layout.tsx';

export default function InvoiceRoute() {
  return <InvoicePage organization={useCurrentOrganization()} />;
}
