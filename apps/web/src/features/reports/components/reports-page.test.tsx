import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import reportsEn from '@/locales/reports.en.json';
import reportsFr from '@/locales/reports.fr.json';
import { brandsFixture, ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import { callsTo, trpcError, type Resolvers } from '@/testing/trpc-mock.ts';
import { renderPage as renderWithApp, settlePages } from '@/testing/render-page.tsx';
import type { Report, ReportList } from '../types.ts';
import { ExportButton } from './export-button.tsx';
import { ReportsPage } from './reports-page.tsx';

const strings = { en: reportsEn, fr: reportsFr };

const reportIds = { daily: '0190a7e2-0000-7000-8000-00000000e001', created: '0190a7e2-0000-7000-8000-00000000e002' };
const daily: Report = {
  id: reportIds.daily,
  name: 'Team leads daily',
  frequency: 'daily',
  weekday: null,
  hour: 8,
  timeZone: 'Europe/Paris',
  recipients: ['lead@skyward.test', 'ops@skyward.test'],
  filters: { brandIds: [ids.brandSkyward] },
  format: 'csv',
  nextRunAt: '2026-12-01T07:00:00.000Z',
  lastSentAt: null,
  lastError: 'Connection refused',
};

function resolvers(list: () => ReportList, overrides: Resolvers = {}): Resolvers {
  return {
    'auth.me': () => meFixture('manager'),
    'brands.list': () => brandsFixture,
    'reports.list': list,
    ...overrides,
  };
}
const renderPage = (list: () => ReportList, overrides: Resolvers = {}) =>
  renderWithApp(<ReportsPage organization={organizationFixture('manager')} />, {
    resolvers: resolvers(list, overrides),
    strings,
  });

afterEach(settlePages);

describe('reports page', { timeout: 20_000 }, () => {
  it('lists reports: schedule in words, recipients, brands, format, last error', async () => {
    renderPage(() => ({ smtpConfigured: true, reports: [daily] }));
    const table = await screen.findByTestId('reports-table');
    const row = within(table).getByRole('row', { name: /Team leads daily/ });
    expect(within(row).getByText('Every day at 08:00 (Europe/Paris)')).toBeTruthy();
    expect(within(row).getByText('lead@skyward.test, ops@skyward.test')).toBeTruthy();
    expect(within(row).getByText('Skyward Air')).toBeTruthy();
    expect(within(row).getByText('CSV')).toBeTruthy();
    expect(within(row).getByText('Last attempt failed: Connection refused')).toBeTruthy();
    expect(screen.queryByText(/Outgoing mail is not configured/)).toBeNull();
  });

  it('creates a weekly XLSX report for one brand', async () => {
    let reports = [daily];
    renderPage(() => ({ smtpConfigured: true, reports }), {
      'reports.create': (input) => {
        const created: Report = {
          ...daily,
          ...input,
          id: reportIds.created,
          weekday: input.weekday ?? null,
          filters: input.filters ?? {},
          format: input.format ?? 'csv',
          lastError: null,
        };
        reports = [...reports, created];
        return created;
      },
    });
    const form = await screen.findByRole('form', { name: 'Add a report' });
    const user = userEvent.setup();
    await user.type(within(form).getByLabelText('Name'), 'Weekly cargo');
    await user.selectOptions(within(form).getByLabelText('Frequency'), 'weekly');
    await user.selectOptions(within(form).getByLabelText('Day'), 'Friday');
    await user.selectOptions(within(form).getByLabelText('Hour'), '09:00');
    await user.clear(within(form).getByLabelText('Time zone'));
    await user.type(within(form).getByLabelText('Time zone'), 'America/New_York');
    await user.type(within(form).getByLabelText('Recipients'), 'a@cargo.test, b@cargo.test\nc@cargo.test');
    await user.click(within(form).getByRole('checkbox', { name: 'Skyward Cargo' }));
    await user.selectOptions(within(form).getByLabelText('Attachment'), 'xlsx');
    await user.click(within(form).getByRole('button', { name: 'Add report' }));
    expect(await screen.findByText('Report Weekly cargo added.')).toBeTruthy();
    expect(callsTo('reports.create')[0]?.input).toEqual({
      organizationId: ids.org,
      name: 'Weekly cargo',
      frequency: 'weekly',
      weekday: 5,
      hour: 9,
      timeZone: 'America/New_York',
      recipients: ['a@cargo.test', 'b@cargo.test', 'c@cargo.test'],
      filters: { brandIds: [ids.brandCargo] },
      format: 'xlsx',
    });
    const row = await screen.findByRole('row', { name: /Weekly cargo/ });
    expect(within(row).getByText('Every Friday at 09:00 (America/New_York)')).toBeTruthy();
  });

  it('edits a report (other filters kept), sends it now, deletes it after confirmation', async () => {
    const withTags = { ...daily, filters: { brandIds: [ids.brandSkyward], statuses: ['resolved' as const] } };
    let reports: Report[] = [withTags];
    renderPage(() => ({ smtpConfigured: true, reports }), {
      'reports.update': (input) => ({
        ...withTags,
        ...input,
        weekday: input.weekday ?? null,
        filters: input.filters ?? {},
        format: input.format ?? 'csv',
      }),
      'reports.sendNow': (input) => ({ id: input.reportId, sentAt: '2026-11-30T09:00:00.000Z' }),
      'reports.delete': (input) => {
        reports = [];
        return { id: input.reportId };
      },
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit Team leads daily' }));
    const form = screen.getByRole('form', { name: 'Edit Team leads daily' });
    await user.selectOptions(within(form).getByLabelText('Hour'), '07:00');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Report Team leads daily saved.')).toBeTruthy();
    expect(callsTo('reports.update')[0]?.input).toMatchObject({
      reportId: reportIds.daily,
      hour: 7,
      filters: { brandIds: [ids.brandSkyward], statuses: ['resolved'] },
    });

    await user.click(screen.getByRole('button', { name: 'Send Team leads daily now' }));
    expect(await screen.findByText('Report Team leads daily sent.')).toBeTruthy();
    expect(callsTo('reports.sendNow')[0]?.input).toEqual({ organizationId: ids.org, reportId: reportIds.daily });

    await user.click(screen.getByRole('button', { name: 'Delete Team leads daily' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete report' }));
    expect(await screen.findByText('Report Team leads daily deleted.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId('reports-table')).toBeNull());
  });

  it('a refused "Send now" shows the server’s reason', async () => {
    renderPage(() => ({ smtpConfigured: true, reports: [daily] }), {
      'reports.sendNow': () => {
        throw trpcError('VALIDATION');
      },
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Send Team leads daily now' }));
    expect((await screen.findAllByRole('alert')).some((a) => a.textContent === 'VALIDATION')).toBe(true);
  });

  it('without SMTP: says what to configure; adding and sending are disabled', async () => {
    renderPage(() => ({ smtpConfigured: false, reports: [daily] }));
    expect(await screen.findByText(/Outgoing mail is not configured/)).toBeTruthy();
    expect(screen.getByText(/PERCH_SMTP_URL/)).toBeTruthy();
    const send = screen.getByRole<HTMLButtonElement>('button', { name: 'Send Team leads daily now' });
    expect(send.disabled).toBe(true);
    const add = within(screen.getByRole('form', { name: 'Add a report' })).getByRole('button', { name: 'Add report' });
    expect((add as HTMLButtonElement).disabled).toBe(true);
  });

  it('the export links carry the organization and the brands ticked', async () => {
    renderPage(() => ({ smtpConfigured: true, reports: [] }));
    const section = (await screen.findByRole('heading', { name: 'Export conversations' })).closest('section')!;
    const user = userEvent.setup();
    await user.click(await within(section).findByRole('checkbox', { name: 'Skyward Air' }));
    const csv = within(section).getByRole('link', { name: 'Download CSV' });
    expect(csv.getAttribute('href')).toBe(
      `/api/exports/conversations.csv?organizationId=${ids.org}&brandIds=${ids.brandSkyward}`,
    );
    expect(csv.hasAttribute('download')).toBe(true);
    expect(within(section).getByRole('link', { name: 'Download XLSX' }).getAttribute('href')).toMatch(
      /^\/api\/exports\/conversations\.xlsx\?/,
    );
  });
});

describe('ExportButton', () => {
  it('renders CSV and XLSX links for the filters it is given, in French too', async () => {
    renderWithApp(
      <ExportButton
        organizationId={ids.org}
        filters={{ statuses: ['open', 'pending'], lastMessageFrom: '2026-11-01T00:00:00.000Z' }}
      />,
      { locale: 'fr', strings, resolvers: { 'auth.me': () => meFixture('manager') } },
    );
    const csv = await screen.findByRole('link', { name: 'Télécharger en CSV' });
    const query = new URLSearchParams(csv.getAttribute('href')!.split('?')[1]);
    expect(Object.fromEntries(query)).toEqual({
      organizationId: ids.org,
      statuses: 'open,pending',
      lastMessageFrom: '2026-11-01T00:00:00.000Z',
    });
  });
});

type Tree = { [key: string]: string | Tree };
const leaves = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v]] : leaves(v, `${prefix}${k}.`),
  );

describe('the reports strings', () => {
  it('have the same keys and {{variables}} in English and French, none empty', () => {
    const english = new Map(leaves(reportsEn));
    const french = new Map(leaves(reportsFr));
    expect([...french.keys()].sort()).toEqual([...english.keys()].sort());
    const vars = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of english) {
      expect(text.trim(), key).not.toBe('');
      expect(vars(french.get(key) ?? ''), key).toEqual(vars(text));
    }
  });
});
