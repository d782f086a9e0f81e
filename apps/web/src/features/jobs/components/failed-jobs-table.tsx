import type { AppRouter } from '@perch/server/router';
import { useMutation } from '@tanstack/react-query';
import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { TableHead } from '@/components/table-head.tsx';
import { perchCodeOf } from '@/lib/errors.ts';
import { useFormatDate } from '@/lib/format.ts';
import { useTRPC } from '@/lib/trpc.ts';

export type FailedJob = inferOutput<TRPCOptionsProxy<AppRouter>['jobs']['listDead']>['items'][number];

interface FailedJobsTableProps {
  organizationId: string;
  jobs: readonly FailedJob[];
  /** Owners and admins retry and discard. */
  manage: boolean;
  /** Called after a change (with what to announce), and when a job turned out to be gone already. */
  onChanged: (message: string | null) => Promise<void>;
}

export function FailedJobsTable({ organizationId, jobs, manage, onChanged }: FailedJobsTableProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const formatDate = useFormatDate();
  const [discarding, setDiscarding] = useState<FailedJob | null>(null);
  const [failedRetry, setFailedRetry] = useState<{ jobId: string; error: unknown } | null>(null);
  const queueName = (job: FailedJob) => t(`jobs.queues.${job.queue}`);

  const retry = useMutation(
    trpc.jobs.retryDead.mutationOptions({
      onMutate: () => setFailedRetry(null),
      onSuccess: (_result, input) => {
        const job = jobs.find((j) => j.id === input.jobId);
        return onChanged(t('jobs.retried', { queue: job ? queueName(job) : '' }));
      },
      onError: (error, input) => {
        setFailedRetry({ jobId: input.jobId, error });
        if (perchCodeOf(error) === 'NOT_FOUND') return onChanged(null);
        return undefined;
      },
    }),
  );
  const discard = useMutation(
    trpc.jobs.discardDead.mutationOptions({
      onSuccess: async () => {
        setDiscarding(null);
        await onChanged(t('jobs.discarded'));
      },
      // Gone already (retried or discarded elsewhere): the dialog says so, the list catches up.
      onError: (error) => (perchCodeOf(error) === 'NOT_FOUND' ? onChanged(null) : undefined),
    }),
  );
  /** What a job was about, for button labels and the confirmation: "Channel · Brand", else when it failed. */
  const about = (job: FailedJob) =>
    [job.channel?.name, job.brand?.name].filter(Boolean).join(' · ') ||
    t('jobs.failedOn', { date: formatDate(job.failedAt) });

  return (
    <>
      {failedRetry ? (
        <ErrorMessage
          error={failedRetry.error}
          overrides={{ NOT_FOUND: t('jobs.gone'), CONFLICT: t('jobs.retryConflict') }}
        />
      ) : null}
      <div className="table-wrap">
        <table className="table" data-testid="failed-jobs-table">
          <TableHead
            columns={[
              t('jobs.queue'),
              t('jobs.about'),
              t('jobs.error'),
              t('jobs.attempts'),
              t('jobs.failedAt'),
              t('jobs.createdAt'),
            ]}
            actions={manage}
          />
          <tbody>
            {jobs.map((job) => (
              <tr key={job.id} data-testid={`failed-job-${job.id}`}>
                <td>{queueName(job)}</td>
                <td>
                  {job.channel ? job.channel.name : <span className="muted">{t('jobs.unknownChannel')}</span>}
                  {job.brand ? <span className="subtle">{job.brand.name}</span> : null}
                  {job.eventCount ? <span className="subtle">{t('jobs.events', { n: job.eventCount })}</span> : null}
                </td>
                <td className="health-error">{job.error ?? <span className="muted">{t('jobs.noError')}</span>}</td>
                <td>{job.attempts}</td>
                <td className="nowrap">
                  <time dateTime={job.failedAt}>{formatDate(job.failedAt)}</time>
                </td>
                <td className="nowrap">
                  <time dateTime={job.createdAt}>{formatDate(job.createdAt)}</time>
                </td>
                {manage ? (
                  <td className="cell-actions">
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={t('jobs.retryOf', { queue: queueName(job), about: about(job) })}
                      disabled={retry.isPending}
                      onClick={() => retry.mutate({ organizationId, jobId: job.id })}
                    >
                      {t('jobs.retry')}
                    </button>
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={t('jobs.discardOf', { queue: queueName(job), about: about(job) })}
                      onClick={() => {
                        discard.reset();
                        setDiscarding(job);
                      }}
                    >
                      {t('jobs.discard')}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {discarding ? (
        <ConfirmDialog
          title={t('jobs.discardTitle')}
          confirmLabel={t('jobs.discardConfirm')}
          danger
          pending={discard.isPending}
          error={<ErrorMessage error={discard.error} overrides={{ NOT_FOUND: t('jobs.gone') }} />}
          onCancel={() => setDiscarding(null)}
          onConfirm={() => discard.mutate({ organizationId, jobId: discarding.id })}
        >
          <p>{t('jobs.discardWarning', { queue: queueName(discarding), about: about(discarding) })}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
