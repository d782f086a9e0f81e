import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { isAdministrator } from '@/lib/access.ts';
import { useTRPC, useTRPCClient, type Organization } from '@/lib/trpc.ts';
import { FailedJobsTable } from './failed-jobs-table.tsx';

export const FAILED_JOBS_PAGE_SIZE = 25;

/**
 * Settings → Failed jobs: work that failed past its retries (processing received mentions, polling X), newest
 * first, with what it was about and its last error. Owners and admins retry or discard; managers look.
 */
export function FailedJobsPage({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const organizationId = organization.id;
  const manage = isAdministrator(organization.myRole);
  const [done, setDone] = useState<string | null>(null);

  const input = { organizationId, limit: FAILED_JOBS_PAGE_SIZE };
  // Not `infiniteQueryOptions`: tRPC would add `direction` to the input, which the server's strict schema refuses.
  const jobs = useInfiniteQuery({
    queryKey: trpc.jobs.listDead.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) =>
      client.jobs.listDead.query(pageParam ? { ...input, cursor: pageParam } : input, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const count = useQuery(trpc.jobs.countDead.queryOptions({ organizationId }));
  const items = jobs.data?.pages.flatMap((page) => page.items) ?? [];

  /** After a retry or a discard (or finding the job gone): the list, the count and the audit log change. */
  const refresh = async (message: string | null) => {
    setDone(message);
    await Promise.all([
      queryClient.invalidateQueries(trpc.jobs.listDead.infiniteQueryFilter({ organizationId })),
      queryClient.invalidateQueries(trpc.jobs.countDead.queryFilter({ organizationId })),
      queryClient.invalidateQueries(trpc.audit.list.infiniteQueryFilter({ organizationId })),
    ]);
  };

  const total = count.data?.count;
  return (
    <div className="stack">
      <PageHeader title={t('jobs.title')} description={manage ? t('jobs.description') : t('jobs.descriptionView')} />
      <section className="card" aria-labelledby="failed-jobs-list">
        <h2 id="failed-jobs-list">
          {t('jobs.listTitle')}
          {total ? (
            <span className="badge badge-danger" data-testid="failed-jobs-count">
              {total >= 1000 ? '1000+' : total}
            </span>
          ) : null}
        </h2>
        <SuccessMessage>{done}</SuccessMessage>
        {jobs.isPending ? <Loading /> : null}
        <ErrorMessage error={jobs.error} />
        {jobs.isSuccess && items.length === 0 ? (
          <p className="muted empty-state" data-testid="failed-jobs-empty">
            {t('jobs.empty')}
          </p>
        ) : null}
        {items.length > 0 ? (
          <FailedJobsTable organizationId={organizationId} jobs={items} manage={manage} onChanged={refresh} />
        ) : null}
        {jobs.hasNextPage ? (
          <button
            type="button"
            className="button"
            onClick={() => void jobs.fetchNextPage()}
            disabled={jobs.isFetchingNextPage}
          >
            {jobs.isFetchingNextPage ? t('common.loading') : t('jobs.loadMore')}
          </button>
        ) : null}
      </section>
    </div>
  );
}
