import type { ImportUploadReport, Role } from '@perch/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import type { Channel } from '@/lib/trpc.ts';
import { brandsFixture, ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import { renderApp } from '@/testing/render-app.tsx';
import { server } from '@/testing/server.ts';
import type { Resolvers } from '@/testing/trpc-mock.ts';
import { rejectedRowsCsv } from '../rejected-rows-csv.ts';

const importsUrl = `/o/${ids.org}/settings/imports`;
const channelIds = {
  x: '0190a7e2-0000-7000-8000-00000000f001',
  webhook: '0190a7e2-0000-7000-8000-00000000f002',
};
const channel = (fields: Pick<Channel, 'id' | 'brandId' | 'kind' | 'name'>) =>
  ({
    externalId: null,
    lastEventAt: null,
    lastError: null,
    createdAt: '2026-02-01T10:00:00.000Z',
    webhookUrl: null,
    ...fields,
  }) satisfies Partial<Channel> as Channel;
const channelsFixture = [
  channel({ id: channelIds.x, brandId: ids.brandSkyward, kind: 'x', name: 'Skyward Air on X' }),
  channel({ id: channelIds.webhook, brandId: ids.brandSkyward, kind: 'webhook', name: 'Zendesk export' }),
];
const csvFile = (
  name = 'history.csv',
  text = 'id,text,created_at,author_id,author_username\n1,Hi,2026-03-01T09:30:00Z,u1,cam\n',
) => new File([text], name, { type: 'text/csv' });

function resolvers(role: Role = 'owner', overrides: Resolvers = {}): Resolvers {
  return {
    'auth.me': () => meFixture(role),
    'organizations.get': () => organizationFixture(role),
    'brands.list': () => brandsFixture,
    'channels.list': () => channelsFixture,
    ...overrides,
  };
}

interface Received {
  params: Record<string, string | readonly string[] | undefined>;
  query: URLSearchParams;
  headers: Headers;
  body: string;
}

/** The upload route, answered by `answer` (after `gate` resolves, to observe the upload in flight). */
function importRoute(answer: () => Response, gate: Promise<void> = Promise.resolve()) {
  const received: Received[] = [];
  server.use(
    http.post('*/api/organizations/:organizationId/imports', async ({ request, params }) => {
      received.push({
        params,
        query: new URL(request.url).searchParams,
        headers: request.headers,
        body: await request.text(),
      });
      await gate;
      return answer();
    }),
  );
  return received;
}

const report = (fields: Partial<ImportUploadReport> = {}): ImportUploadReport => ({
  channelId: channelIds.webhook,
  format: 'csv',
  bytes: 80,
  rows: 1,
  accepted: 1,
  stored: 1,
  duplicates: 0,
  held: 0,
  rejectedRows: 0,
  rejected: [],
  warnings: [],
  ...fields,
});

async function chooseAndUpload(file: File, channelName = 'Zendesk export (Signed webhook)') {
  const user = userEvent.setup();
  const form = await screen.findByRole('form', { name: 'Upload a file' });
  await user.selectOptions(within(form).getByLabelText('Brand'), 'Skyward Air');
  await user.selectOptions(within(form).getByLabelText('Channel'), channelName);
  await user.upload(within(form).getByLabelText('File'), file);
  return { user, form };
}

describe('import history page', { timeout: 15_000 }, () => {
  it('uploads a CSV with the CSRF header, shows progress, then the report', async () => {
    let open!: () => void;
    const received = importRoute(
      () => HttpResponse.json(report({ rows: 120, accepted: 120, stored: 117, duplicates: 3 })),
      new Promise<void>((resolve) => (open = resolve)),
    );
    renderApp(importsUrl, { resolvers: resolvers('manager') });
    const file = csvFile();
    const { user, form } = await chooseAndUpload(file);
    expect(within(form).getByLabelText<HTMLInputElement>('CSV').checked).toBe(true);
    expect(within(form).getByText('Detected from the file name; change it if it is wrong.')).toBeTruthy();
    await user.click(within(form).getByRole('button', { name: 'Upload and import' }));

    // In flight: an accessible progress bar, a cancel button, the form's button disabled.
    const progress = await screen.findByRole('progressbar', { name: 'Upload progress' });
    expect(progress.getAttribute('max')).toBe(String(file.size));
    expect(screen.getByRole('button', { name: 'Cancel the upload' })).toBeTruthy();
    expect(within(form).getByRole<HTMLButtonElement>('button', { name: 'Upload and import' }).disabled).toBe(true);
    open();

    const result = await screen.findByTestId('import-report');
    expect(within(result).getByRole('heading', { name: 'Import of history.csv finished' })).toBeTruthy();
    expect(within(result).getByText('(117 new, 3 already stored)')).toBeTruthy();
    expect(within(result).getByText(/Importing the same file again is safe/)).toBeTruthy();
    expect(within(result).getByText('No row was rejected.')).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();

    expect(received).toHaveLength(1);
    const [sent] = received;
    expect(sent!.params.organizationId).toBe(ids.org);
    expect(Object.fromEntries(sent!.query)).toEqual({ channelId: channelIds.webhook, format: 'csv' });
    expect(sent!.headers.get('x-perch-csrf')).toBe('1');
    expect(sent!.headers.get('content-type')).toBe('text/csv');
    expect(sent!.body).toBe(await file.text());
  });

  it('lists rejected rows and downloads them as CSV (formulas neutralised)', async () => {
    const rejected = [
      { line: 2, error: 'invalid JSON: Unexpected end of JSON input' },
      { line: 5, error: '=HYPERLINK("http://evil.example"): not a date' },
    ];
    const received = importRoute(() =>
      HttpResponse.json(
        report({
          format: 'ndjson',
          rows: 5,
          accepted: 3,
          stored: 3,
          rejectedRows: 2,
          rejected,
          warnings: [{ line: 1, warning: 'unknown field ignored' }],
        }),
      ),
    );
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:rejected';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    // The test window must not navigate: record the link the page clicks instead.
    const clicked: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
    renderApp(importsUrl, { resolvers: resolvers('admin') });
    const { user, form } = await chooseAndUpload(new File(['{"id":1}\n{"id":\n'], 'export.jsonl'));
    expect(within(form).getByLabelText<HTMLInputElement>('NDJSON (one JSON object per line)').checked).toBe(true);
    await user.click(within(form).getByRole('button', { name: 'Upload and import' }));

    const table = await screen.findByRole('table', { name: 'Rejected rows' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['2', 'invalid JSON: Unexpected end of JSON input'],
      ['5', '=HYPERLINK("http://evil.example"): not a date'],
    ]);
    expect(screen.getByText('Line 1: unknown field ignored')).toBeTruthy();
    expect(received[0]!.headers.get('content-type')).toBe('application/x-ndjson');
    expect(received[0]!.query.get('format')).toBe('ndjson');

    await user.click(screen.getByRole('button', { name: 'Download the rejected rows (CSV)' }));
    expect(created).toHaveLength(1);
    expect(clicked).toEqual([{ href: 'blob:rejected', download: 'export-rejected.csv' }]);
    const text = await created[0]!.text();
    expect(text).toBe(rejectedRowsCsv(rejected));
    expect(text.replace(/^\uFEFF/, '')).toBe(
      'line,reason\r\n2,invalid JSON: Unexpected end of JSON input\r\n5,"\'=HYPERLINK(""http://evil.example""): not a date"\r\n',
    );
  });

  it('shows a server refusal: another import running (409), a file too large (413), an internal error', async () => {
    let status = 409;
    importRoute(() =>
      status === 500
        ? HttpResponse.text('boom', { status })
        : HttpResponse.json(
            { error: { message: 'refused', perchCode: status === 409 ? 'CONFLICT' : 'VALIDATION' } },
            { status },
          ),
    );
    renderApp(importsUrl, { resolvers: resolvers('owner') });
    const { user, form } = await chooseAndUpload(csvFile());
    const upload = () => user.click(within(form).getByRole('button', { name: 'Upload and import' }));
    await upload();
    expect((await screen.findByRole('alert')).textContent).toBe(
      'An import into this channel is already running. Wait for it to finish, then try again.',
    );
    status = 413;
    await upload();
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'This file is larger than 100 MB. Split it, or use the command-line import.',
      ),
    );
    status = 500;
    await upload();
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('Something went wrong on our side. Please try again.'),
    );
  });

  it('cancels an upload in flight', async () => {
    importRoute(() => HttpResponse.json(report()), new Promise<void>(() => undefined));
    renderApp(importsUrl, { resolvers: resolvers('owner') });
    const { user, form } = await chooseAndUpload(csvFile());
    await user.click(within(form).getByRole('button', { name: 'Upload and import' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel the upload' }));
    expect((await screen.findByText(/^Upload cancelled\./)).textContent).toContain('nothing is added twice');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('checks the form first: a file is required, an empty file is refused, the format is asked when unknown', async () => {
    const received = importRoute(() => HttpResponse.json(report()));
    renderApp(importsUrl, { resolvers: resolvers('owner') });
    // The picker offers .csv, .ndjson and .jsonl, but a user may still pick "All files".
    const user = userEvent.setup({ applyAccept: false });
    const form = await screen.findByRole('form', { name: 'Upload a file' });
    await user.click(within(form).getByRole('button', { name: 'Upload and import' }));
    expect(within(form).getByText('Choose a file.')).toBeTruthy();
    await user.upload(within(form).getByLabelText('File'), new File([], 'empty.csv'));
    await user.click(within(form).getByRole('button', { name: 'Upload and import' }));
    expect(within(form).getByText('This file is empty.')).toBeTruthy();
    await user.upload(within(form).getByLabelText('File'), new File(['{}'], 'export.txt'));
    expect(within(form).getByText('The file name does not tell the format: choose it.')).toBeTruthy();
    expect(received).toHaveLength(0);
  });

  it('says when the chosen brand has no channel', async () => {
    renderApp(importsUrl, { resolvers: resolvers('owner') });
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Upload a file' });
    await user.selectOptions(within(form).getByLabelText('Brand'), 'Skyward Cargo');
    expect(within(form).getByText(/This brand has no channel yet/)).toBeTruthy();
    expect(within(form).getByLabelText<HTMLSelectElement>('Channel').disabled).toBe(true);
  });

  it('is in the settings navigation of a manager; an agent has no entry and no access', async () => {
    const view = renderApp(importsUrl, { resolvers: resolvers('manager') });
    const nav = within(await screen.findByRole('navigation', { name: 'Main navigation' }));
    expect((await nav.findByRole('link', { name: 'Import history' })).getAttribute('href')).toBe(importsUrl);
    view.unmount();

    renderApp(importsUrl, { resolvers: resolvers('agent') });
    expect(await screen.findByRole('heading', { name: 'No access' })).toBeTruthy();
    const agentNav = within(screen.getByRole('navigation', { name: 'Main navigation' }));
    expect(agentNav.queryByRole('link', { name: 'Import history' })).toBeNull();
  });

  it('is translated into French', async () => {
    renderApp(importsUrl, {
      resolvers: resolvers('owner', { 'auth.me': () => meFixture('owner', { locale: 'fr' }) }),
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Importer l’historique' })).toBeTruthy();
    expect(await screen.findByRole('form', { name: 'Envoyer un fichier' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Format attendu' })).toBeTruthy();
  });
});
