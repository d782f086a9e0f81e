import { TagsPage } from '@/features/tags/components/tags-page.tsx';
import { useCurrentOrganization } from './org-layout.tsx';

export default function TagsRoute() {
  return <TagsPage organization={useCurrentOrganization()} />;
}
