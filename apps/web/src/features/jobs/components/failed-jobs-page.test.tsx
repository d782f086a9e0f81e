import type { Role } from '@perch/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import { renderApp } from '@/testing/render-app.tsx';
import { callsTo, trpcError, type Resolvers } from '@/testing/trpc-mock.ts';
import type { FailedJob } from './failed-jobs-table.tsx';

const jobsUrl = `/o/${ids.org}/settings/jobs`;
const jobIds = {
  ingest: '0190a7e2-0000-4000-8000-0000000e0001',
  poll: '0190a7e2-0000-4000-8000-0000000e0002',
  orphan: '0190a7e2-0000-4000-8000-0000000e0003',
};

const ingestJob: FailedJob = {
  id: jobIds.ingest,
  queue: 'ingest',
  channel: { id: '0190a7e2-0000-7000-8000-00000000f001', name: 'Skyward Air on X' },
  brand: { id: ids.brandSkyward, name: 'Skyward Air' },
  eventCount: 3,
  error: 'Mention store unavailable: connection reset',
  attempts: 9,
  failedAt: '2026-03-02T10:00:00.000Z',
  createdAt: '2026-03-02T09:40:00.000Z',
};
const pollJob: FailedJob = {
  id: jobIds.poll,
  queue: 'poll',
  channel: { id: '0190a7e2-0000-7000-8000-00000000f002', name: 'Cargo on X' },
  brand: { id: ids.brandCargo, name: 'Skyward Cargo' },
  eventCount: null,
  error: 'X answered 503 Service Unavailable',
  attempts: 9,
  failedAt: '2026-03-01T10:00:00.000Z',
  createdAt: '2026-03-01T09:00:00.000Z',
};

/** A tiny stand-in for the server: a list the mutations change. */
function resolvers(role: Role = 'admin', initial: FailedJob[] = [ingestJob, pollJob], overrides: Resolvers = {}) {
  let jobs = [...initial];
  const result: Resolvers = {
    'auth.me': () => meFixture(role),
    'organizations.get': () => organizationFixture(role),
    'brands.list': () => [],
    'jobs.listDead': () => ({ items: jobs, nextCursor: null }),
    'jobs.countDead': () => ({ count: jobs.length }),
    'jobs.retryDead': ({ jobId }) => {
      if (!jobs.some((j) => j.id === jobId)) throw trpcError('NOT_FOUND');
      jobs = jobs.filter((j) => j.id !== jobId);
      return { retried: true as const };
    },
    'jobs.discardDead': ({ jobId }) => {
      if (!jobs.some((j) => j.id === jobId)) throw trpcError('NOT_FOUND');
      jobs = jobs.filter((j) => j.id !== jobId);
      return { discarded: true as const };
    },
    ...overrides,
  };
  return result;
}

describe('failed jobs page', () => {
  it('lists failed jobs with their queue, what they were about, last error and attempts', async () => {
    renderApp(jobsUrl, { resolvers: resolvers() });
    const table = await screen.findByTestId('failed-jobs-table');
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByRole('heading', { level: 1, name: 'Failed jobs' })).toBeTruthy();
    expect(screen.getByTestId('failed-jobs-count').textContent).toBe('2');

    const ingest = within(table).getByTestId(`failed-job-${jobIds.ingest}`);
    expect(within(ingest).getByText('Ingest')).toBeTruthy();
    expect(within(ingest).getByText('Skyward Air on X')).toBeTruthy();
    expect(within(ingest).getByText('Skyward Air')).toBeTruthy();
    expect(within(ingest).getByText('Received events: 3')).toBeTruthy();
    expect(within(ingest).getByText('Mention store unavailable: connection reset')).toBeTruthy();
    expect(within(ingest).getByText('9')).toBeTruthy();
    expect(
      within(ingest).getByRole('button', { name: 'Retry the Ingest job: Skyward Air on X · Skyward Air' }),
    ).toBeTruthy();

    const poll = within(table).getByTestId(`failed-job-${jobIds.poll}`);
    expect(within(poll).getByText('X polling')).toBeTruthy();
    expect(within(poll).getByText('X answered 503 Service Unavailable')).toBeTruthy();
    expect(callsTo('jobs.listDead')[0]?.input).toEqual({ organizationId: ids.org, limit: 25 });
  });

  it('retries a job: it leaves the list and the page says where it went', async () => {
    renderApp(jobsUrl, { resolvers: resolvers('owner') });
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: 'Retry the Ingest job: Skyward Air on X · Skyward Air' }),
    );
    expect((await screen.findByRole('status')).textContent).toBe('Retried: the job is back on the Ingest queue.');
    await waitFor(() => expect(screen.queryByTestId(`failed-job-${jobIds.ingest}`)).toBeNull());
    expect(screen.getByTestId(`failed-job-${jobIds.poll}`)).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('failed-jobs-count').textContent).toBe('1'));
    expect(callsTo('jobs.retryDead').map((c) => c.input)).toEqual([{ organizationId: ids.org, jobId: jobIds.ingest }]);
  });

  it('a retry the queue refuses says why and keeps the job', async () => {
    renderApp(jobsUrl, {
      resolvers: resolvers('admin', undefined, {
        'jobs.retryDead': () => {
          throw trpcError('CONFLICT');
        },
      }),
    });
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: 'Retry the X polling job: Cargo on X · Skyward Cargo' }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe(
      "Not retried: an equivalent job is already waiting (for X polling, the channel's next poll). Discard this one.",
    );
    expect(screen.getByTestId(`failed-job-${jobIds.poll}`)).toBeTruthy();
  });

  it('a job retried elsewhere meanwhile: says so and refreshes the list', async () => {
    renderApp(jobsUrl, {
      resolvers: resolvers('admin', undefined, {
        'jobs.retryDead': () => {
          throw trpcError('NOT_FOUND');
        },
      }),
    });
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: 'Retry the Ingest job: Skyward Air on X · Skyward Air' }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe('This job was already retried or discarded.');
    await waitFor(() => expect(callsTo('jobs.listDead').length).toBeGreaterThan(1));
  });

  it('discards a job only after confirmation', async () => {
    renderApp(jobsUrl, { resolvers: resolvers('admin') });
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: 'Discard the X polling job: Cargo on X · Skyward Cargo' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Discard this failed job?' });
    expect(within(dialog).getByText(/The X polling job \(Cargo on X · Skyward Cargo\) will be deleted/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(callsTo('jobs.discardDead')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Discard the X polling job: Cargo on X · Skyward Cargo' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Discard this failed job?' })).getByRole('button', {
        name: 'Discard the job',
      }),
    );
    expect((await screen.findByRole('status')).textContent).toBe('The job was discarded.');
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(screen.queryByTestId(`failed-job-${jobIds.poll}`)).toBeNull());
    expect(callsTo('jobs.discardDead')[0]?.input).toEqual({ organizationId: ids.org, jobId: jobIds.poll });
  });

  it('says so when nothing failed', async () => {
    renderApp(jobsUrl, { resolvers: resolvers('owner', []) });
    expect((await screen.findByTestId('failed-jobs-empty')).textContent).toBe(
      'No failed jobs — every accepted event was processed.',
    );
    expect(screen.queryByTestId('failed-jobs-table')).toBeNull();
    expect(screen.queryByTestId('failed-jobs-count')).toBeNull();
  });

  it('a job about an unknown channel still says when it failed in its labels', async () => {
    const orphan: FailedJob = { ...ingestJob, id: jobIds.orphan, channel: null, brand: null, eventCount: null };
    renderApp(jobsUrl, { resolvers: resolvers('admin', [orphan]) });
    const row = await screen.findByTestId(`failed-job-${jobIds.orphan}`);
    expect(within(row).getByText('Channel unknown or removed')).toBeTruthy();
    expect(within(row).getByRole('button', { name: /^Retry the Ingest job: failed / })).toBeTruthy();
  });

  it('a manager sees the failed jobs, in Settings, without Retry or Discard', async () => {
    renderApp(jobsUrl, { resolvers: resolvers('manager') });
    const nav = within(await screen.findByRole('navigation', { name: 'Main navigation' }));
    expect((await nav.findByRole('link', { name: 'Failed jobs' })).getAttribute('href')).toBe(jobsUrl);
    const table = await screen.findByTestId('failed-jobs-table');
    expect(within(table).getByText('Skyward Air on X')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Retry|Discard/ })).toBeNull();
  });

  it('an agent has no Failed jobs entry and gets the no-access page (no data request)', async () => {
    renderApp(jobsUrl, { resolvers: resolvers('agent') });
    expect(await screen.findByRole('heading', { name: 'No access' })).toBeTruthy();
    const nav = within(screen.getByRole('navigation', { name: 'Main navigation' }));
    expect(nav.queryByRole('link', { name: 'Failed jobs' })).toBeNull();
    expect(callsTo('jobs.listDead')).toHaveLength(0);
  });

  it('is translated into French', async () => {
    renderApp(jobsUrl, {
      resolvers: resolvers('owner', [], { 'auth.me': () => meFixture('owner', { locale: 'fr' }) }),
    });
    expect((await screen.findByTestId('failed-jobs-empty')).textContent).toBe(
      'Aucune tâche en échec — chaque événement accepté a été traité.',
    );
    expect(screen.getByRole('heading', { level: 1, name: 'Tâches en échec' })).toBeTruthy();
  });
});
