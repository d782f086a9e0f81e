import type { Organization } from '@/lib/trpc.ts';

/** Settings → Canned replies (being written). */
export function CannedRepliesPage({ organization }: { organization: Organization }) {
  return <div data-organization={organization.id} />;
}
