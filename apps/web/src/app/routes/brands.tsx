import { BrandsPage } from '@/features/brands/components/brands-page.tsx';
import { useCurrentOrganization } from './org-layout.tsx';

export default function BrandsRoute() {
  return <BrandsPage organizationId={useCurrentOrganization().id} />;
}
