import { FailedJobsPage } from '@/features/jobs/components/failed-jobs-page.tsx';
import { useCurrentOrganization } from './org-layout.tsx';

export default function JobsRoute() {
  return <FailedJobsPage organization={useCurrentOrganization()} />;
}
