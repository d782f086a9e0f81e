import type { Organization } from '@/lib/trpc.ts';

/** Placeholder until the page lands (issue #6). */
export function ReportsPage({ organization }: { organization: Organization }) {
  return <main data-organization={organization.id} />;
}
