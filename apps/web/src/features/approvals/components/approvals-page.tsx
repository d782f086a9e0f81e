import type { Organization } from '@/lib/trpc.ts';

/** Approvals: replies waiting for a manager (being written). */
export function ApprovalsPage({ organization }: { organization: Organization }) {
  return <div data-organization={organization.id} />;
}
