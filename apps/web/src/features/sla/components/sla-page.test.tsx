import type { BusinessCalendar, SlaPolicyView, SlaSettings } from '@perch/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPage as renderWithApp, settlePages } from '@/testing/render-page.tsx';
import { brandsFixture, entitlementsFixture, ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import { callsTo, trpcError, type Resolvers } from '@/testing/trpc-mock.ts';
import { SlaPage } from './sla-page.tsx';

const policyIds = {
  urgent: '0190a7e2-0000-7000-8000-00000000e001',
  high: '0190a7e2-0000-7000-8000-00000000e002',
  low: '0190a7e2-0000-7000-8000-00000000e003',
};
const at = '2026-03-01T09:00:00.000Z';
const urgent: SlaPolicyView = {
  id: policyIds.urgent,
  brandId: ids.brandSkyward,
  priority: 'urgent',
  name: 'Urgent care',
  firstResponseMinutes: 30,
  nextResponseMinutes: 90,
  resolutionMinutes: 240,
  businessHours: false,
  warnAtPercent: 80,
  updatedAt: at,
};
const high: SlaPolicyView = {
  id: policyIds.high,
  brandId: ids.brandSkyward,
  priority: 'high',
  name: 'High',
  firstResponseMinutes: 120,
  nextResponseMinutes: null,
  resolutionMinutes: 2880,
  businessHours: true,
  warnAtPercent: 75,
  updatedAt: at,
};
const office: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  week: [
    [
      { start: '09:00', end: '12:30' },
      { start: '13:30', end: '18:00' },
    ],
    [{ start: '09:00', end: '18:00' }],
    [{ start: '09:00', end: '18:00' }],
    [{ start: '09:00', end: '18:00' }],
    [{ start: '09:00', end: '17:00' }],
    [],
    [],
  ],
  holidays: ['2026-05-01'],
};

const settings = (overrides: Partial<SlaSettings> = {}): SlaSettings => ({
  brandId: ids.brandSkyward,
  brandTimeZone: 'America/New_York',
  calendar: null,
  policies: [urgent, high],
  ...overrides,
});

function resolvers(overrides: Resolvers = {}, role: 'manager' | 'agent' = 'manager'): Resolvers {
  return {
    'auth.me': () => meFixture(role),
    'brands.list': () => brandsFixture,
    'sla.settings': () => settings(),
    'billing.entitlements': () => entitlementsFixture(),
    ...overrides,
  };
}

const renderPage = (overrides: Resolvers = {}, role: 'manager' | 'agent' = 'manager') =>
  renderWithApp(<SlaPage organization={organizationFixture(role)} />, {
    resolvers: resolvers(overrides, role),
    route: `/o/${ids.org}/settings/sla?brand=${ids.brandSkyward}`,
  });

const calendarForm = () => screen.findByRole('form', { name: 'Business hours' });

afterEach(settlePages);

describe('SLA page: policies', { timeout: 20_000 }, () => {
  it('shows the four priorities with their targets, how they count time and when they warn', async () => {
    renderPage();
    const table = await screen.findByTestId('sla-policies-table');
    expect(screen.getByRole('heading', { name: 'SLA policies of Skyward Air' })).toBeTruthy();
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'Urgent',
      'High',
      'Normal',
      'Low',
    ]);
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent);
    expect(cells(rows[0]!).slice(0, 6)).toEqual(['Urgent care', '30 min', '1 h 30 min', '4 h', 'Every hour', '80%']);
    expect(cells(rows[1]!).slice(0, 6)).toEqual([
      'High',
      '2 h',
      'No target',
      '2 d',
      'Business hours (none set yet: every hour counts)',
      '75%',
    ]);
    expect(cells(rows[2]!)[0]).toBe('No SLA');
    expect(within(rows[3]!).getByRole('button', { name: 'Set an SLA policy for the Low priority' })).toBeTruthy();
    expect(callsTo('sla.settings')[0]?.input).toEqual({ organizationId: ids.org, brandId: ids.brandSkyward });
  });

  it('reads in French', async () => {
    // The interface follows the user's language.
    renderPage({ 'auth.me': () => meFixture('manager', { locale: 'fr' }) });
    const table = await screen.findByTestId('sla-policies-table');
    expect(screen.getByRole('heading', { name: 'Politiques SLA de Skyward Air' })).toBeTruthy();
    const high = within(table).getAllByRole('row')[2]!;
    const cells = within(high)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells.slice(1, 4)).toEqual(['2 h', "Pas d'objectif", '2 j']);
    expect(cells[5]).toMatch(/^75\s%$/u);
    expect(within(await screen.findByRole('form', { name: 'Heures ouvrées' })).getByText('Lundi')).toBeTruthy();
  });

  it('edits a policy: durations with units, calendar hours, and tells how many due times are recomputed', async () => {
    renderPage({
      'sla.savePolicy': (input) => ({
        policy: { ...urgent, ...input, id: policyIds.urgent, warnAtPercent: input.warnAtPercent ?? 75 },
        recomputing: 12,
      }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit the SLA policy for the Urgent priority' }));
    const form = screen.getByRole('form', { name: 'SLA policy for the Urgent priority' });
    expect(within(form).getByLabelText<HTMLInputElement>('Policy name').value).toBe('Urgent care');
    expect(within(form).getByLabelText<HTMLInputElement>('Next response').value).toBe('90');
    expect(within(form).getByLabelText<HTMLSelectElement>('Next response: unit').value).toBe('min');
    expect(within(form).getByLabelText<HTMLInputElement>('Resolution').value).toBe('4');
    expect(within(form).getByLabelText<HTMLSelectElement>('Resolution: unit').value).toBe('h');

    const first = within(form).getByLabelText('First response');
    await user.clear(first);
    await user.type(first, '15');
    const next = within(form).getByLabelText('Next response');
    await user.clear(next);
    await user.type(next, '1,5');
    await user.selectOptions(within(form).getByLabelText('Next response: unit'), 'h');
    const resolution = within(form).getByLabelText('Resolution');
    await user.clear(resolution);
    await user.type(resolution, '2');
    await user.selectOptions(within(form).getByLabelText('Resolution: unit'), 'd');
    await user.selectOptions(within(form).getByLabelText('Count the time in'), 'Business hours only');
    const warn = within(form).getByLabelText('Warning at (% of the target)');
    await user.clear(warn);
    await user.type(warn, '60');
    await user.click(within(form).getByRole('button', { name: 'Save the policy' }));

    expect((await screen.findByRole('status')).textContent).toBe(
      'The policy “Urgent care” was saved. Due times of 12 open conversations are being recomputed.',
    );
    expect(callsTo('sla.savePolicy')[0]?.input).toEqual({
      organizationId: ids.org,
      brandId: ids.brandSkyward,
      priority: 'urgent',
      name: 'Urgent care',
      firstResponseMinutes: 15,
      nextResponseMinutes: 90,
      resolutionMinutes: 2880,
      businessHours: true,
      warnAtPercent: 60,
    });
    expect(screen.queryByRole('form', { name: /SLA policy for/ })).toBeNull();
    await waitFor(() => expect(callsTo('sla.settings').length).toBeGreaterThan(1));
  });

  it('checks a new policy as the server does, next to each field, before sending it', async () => {
    renderPage({
      'sla.savePolicy': (input) => ({
        policy: { ...high, ...input, id: policyIds.low, warnAtPercent: input.warnAtPercent ?? 75 },
        recomputing: 1,
      }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Set an SLA policy for the Low priority' }));
    const form = screen.getByRole('form', { name: 'SLA policy for the Low priority' });
    expect(within(form).getByLabelText<HTMLInputElement>('Policy name').value).toBe('Low priority');
    await user.clear(within(form).getByLabelText('First response'));
    const warn = within(form).getByLabelText('Warning at (% of the target)');
    await user.clear(warn);
    await user.type(warn, '100');
    await user.click(within(form).getByRole('button', { name: 'Save the policy' }));
    expect(within(form).getByText('Set at least one target.')).toBeTruthy();
    expect(within(form).getByLabelText('First response').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('A whole number from 1 to 99.')).toBeTruthy();

    await user.type(within(form).getByLabelText('Next response'), '0.5');
    await user.selectOptions(within(form).getByLabelText('Next response: unit'), 'min');
    await user.type(within(form).getByLabelText('Resolution'), '91');
    await user.selectOptions(within(form).getByLabelText('Resolution: unit'), 'd');
    await user.click(within(form).getByRole('button', { name: 'Save the policy' }));
    expect(within(form).getByText('Must come to a whole number of minutes.')).toBeTruthy();
    expect(within(form).getByText('At most 90 days.')).toBeTruthy();
    expect(callsTo('sla.savePolicy')).toHaveLength(0);

    const next = within(form).getByLabelText('Next response');
    await user.clear(next);
    await user.type(next, '8');
    await user.selectOptions(within(form).getByLabelText('Next response: unit'), 'h');
    await user.clear(within(form).getByLabelText('Resolution'));
    await user.clear(warn);
    await user.type(warn, '90');
    await user.click(within(form).getByRole('button', { name: 'Save the policy' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'The policy “Low priority” was saved. Due times of 1 open conversation are being recomputed.',
    );
    expect(callsTo('sla.savePolicy')[0]?.input).toEqual({
      organizationId: ids.org,
      brandId: ids.brandSkyward,
      priority: 'low',
      name: 'Low priority',
      firstResponseMinutes: null,
      nextResponseMinutes: 480,
      resolutionMinutes: null,
      businessHours: true,
      warnAtPercent: 90,
    });
  });

  it('shows the server’s refusal at the field it names', async () => {
    renderPage({
      'sla.savePolicy': () =>
        Promise.reject(trpcError('VALIDATION', { fieldErrors: { resolutionMinutes: ['must be at most 129600'] } })),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit the SLA policy for the High priority' }));
    const form = screen.getByRole('form', { name: 'SLA policy for the High priority' });
    await user.click(within(form).getByRole('button', { name: 'Save the policy' }));
    await waitFor(() => expect(within(form).getByLabelText('Resolution').getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByText('At most 90 days. Must come to a whole number of minutes.')).toBeTruthy();
    expect(within(form).getByLabelText('First response').getAttribute('aria-invalid')).toBeNull();
  });

  it('deletes a policy after a confirmation', async () => {
    renderPage({ 'sla.deletePolicy': () => ({ id: policyIds.high, recomputing: 3 }) });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete the SLA policy for the High priority' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete the SLA policy “High”?' });
    expect(
      within(dialog).getByText(/Conversations of the High priority will no longer have SLA due times/),
    ).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Delete the policy' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'The policy “High” was deleted. Due times of 3 open conversations are being recomputed.',
    );
    expect(callsTo('sla.deletePolicy')[0]?.input).toEqual({ organizationId: ids.org, policyId: policyIds.high });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('is read-only for a role that may not change it', async () => {
    renderPage({ 'sla.settings': () => settings({ calendar: office }) }, 'agent');
    const table = await screen.findByTestId('sla-policies-table');
    expect(screen.getByText('Only managers, admins and owners change SLA policies and business hours.')).toBeTruthy();
    expect(within(table).queryAllByRole('button')).toHaveLength(0);
    expect(within(within(table).getByRole('row', { name: /^High/ })).getByText('Business hours')).toBeTruthy();
    const form = await calendarForm();
    expect(within(form).getByLabelText<HTMLInputElement>('Monday, range 1: opens').readOnly).toBe(true);
    expect(within(form).getByLabelText<HTMLInputElement>('Saturday: closed all day').disabled).toBe(true);
    expect(within(form).getByLabelText<HTMLSelectElement>('Time zone').disabled).toBe(true);
    expect(within(form).queryByRole('button')).toBeNull();
  });
});

describe('SLA page: business hours', { timeout: 20_000 }, () => {
  it('explains when there is no calendar and proposes office hours in the brand’s zone', async () => {
    renderPage({ 'sla.setCalendar': () => ({ brandId: ids.brandSkyward, recomputing: 4 }) });
    const user = userEvent.setup();
    const form = await calendarForm();
    expect(screen.getByTestId('sla-calendar-state').textContent).toMatch(/^No business hours are set/);
    expect(within(form).getByLabelText<HTMLSelectElement>('Time zone').value).toBe('America/New_York');
    expect(within(form).getByLabelText<HTMLInputElement>('Friday, range 1: closes').value).toBe('18:00');
    expect(within(form).getByLabelText<HTMLInputElement>('Sunday: closed all day').checked).toBe(true);
    expect(screen.queryByRole('button', { name: 'Remove the business hours' })).toBeNull();
    await user.click(within(form).getByRole('button', { name: 'Save business hours' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'The business hours were saved. Due times of 4 open conversations are being recomputed.',
    );
    expect(callsTo('sla.setCalendar')[0]?.input).toEqual({
      organizationId: ids.org,
      brandId: ids.brandSkyward,
      calendar: {
        timeZone: 'America/New_York',
        week: [...Array.from({ length: 5 }, () => [{ start: '09:00', end: '18:00' }]), [], []],
        holidays: [],
      },
    });
  });

  it('edits ranges, closed days and holidays, refusing mistakes next to the field', async () => {
    renderPage({
      'sla.settings': () => settings({ calendar: office }),
      'sla.setCalendar': () => ({ brandId: ids.brandSkyward, recomputing: 0 }),
    });
    const user = userEvent.setup();
    const form = await calendarForm();
    expect(screen.getByTestId('sla-calendar-state').textContent).toMatch(/^Targets counted on business hours/);
    expect(within(form).getByLabelText<HTMLSelectElement>('Time zone').value).toBe('Europe/Paris');
    expect(within(form).getByLabelText<HTMLInputElement>('Monday, range 2: opens').value).toBe('13:30');

    // A third range on Monday that overlaps the second one, and a Tuesday that closes before it opens.
    await user.click(within(form).getByRole('button', { name: 'Add a range on Monday' }));
    const opens = within(form).getByLabelText('Monday, range 3: opens');
    await user.clear(opens);
    await user.type(opens, '17:00');
    const closes = within(form).getByLabelText('Monday, range 3: closes');
    await user.clear(closes);
    await user.type(closes, '19h');
    await user.tab();
    expect((closes as HTMLInputElement).value).toBe('19:00');
    const tuesday = within(form).getByLabelText('Tuesday, range 1: closes');
    await user.clear(tuesday);
    await user.type(tuesday, '08:00');
    await user.click(within(form).getByRole('button', { name: 'Save business hours' }));
    expect(within(form).getByText('Overlaps another range of the day.')).toBeTruthy();
    expect(opens.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('Must close after it opens.')).toBeTruthy();
    expect(tuesday.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByRole('alert').textContent).toMatch(/check the fields marked in red/);
    expect(callsTo('sla.setCalendar')).toHaveLength(0);

    // Fixed: the third range moves to the evening, Tuesday closes at 24:00, Saturday opens, Monday's first goes.
    await user.clear(opens);
    await user.type(opens, '18:00');
    await user.clear(tuesday);
    await user.type(tuesday, '24:00');
    await user.click(within(form).getByLabelText('Saturday: closed all day'));
    await user.click(within(form).getByRole('button', { name: 'Remove range 1 on Monday' }));

    const date = within(form).getByLabelText('Holiday date');
    await user.type(date, '2026-05-01');
    await user.click(within(form).getByRole('button', { name: 'Add the holiday' }));
    expect(within(form).getByText('This date is already a holiday.')).toBeTruthy();
    await user.clear(date);
    await user.type(date, '2026-12-25');
    await user.click(within(form).getByRole('button', { name: 'Add the holiday' }));
    await user.click(within(form).getByRole('button', { name: 'Remove the holiday May 1, 2026' }));
    expect(within(within(form).getByRole('list', { name: 'Holidays' })).getByText('Dec 25, 2026')).toBeTruthy();

    await user.click(within(form).getByRole('button', { name: 'Save business hours' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'The business hours were saved. Due times of 0 open conversations are being recomputed.',
    );
    const saved = callsTo('sla.setCalendar')[0]?.input as { calendar: BusinessCalendar };
    expect(saved.calendar.week[0]).toEqual([
      { start: '13:30', end: '18:00' },
      { start: '18:00', end: '19:00' },
    ]);
    expect(saved.calendar.week[1]).toEqual([{ start: '09:00', end: '24:00' }]);
    expect(saved.calendar.week[5]).toEqual([{ start: '09:00', end: '18:00' }]);
    expect(saved.calendar.holidays).toEqual(['2026-12-25']);
    expect(saved.calendar.timeZone).toBe('Europe/Paris');
  });

  it('refuses a week closed every day, and shows the server’s refusal at the holidays', async () => {
    renderPage({
      'sla.settings': () => settings({ calendar: office }),
      'sla.setCalendar': () =>
        Promise.reject(trpcError('VALIDATION', { fieldErrors: { calendar: ['must not list a date twice'] } })),
    });
    const user = userEvent.setup();
    const form = await calendarForm();
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) {
      await user.click(within(form).getByLabelText(`${day}: closed all day`));
    }
    await user.click(within(form).getByRole('button', { name: 'Save business hours' }));
    expect(within(form).getByTestId('sla-week-error').textContent).toMatch(/^Open at least one range in the week/);
    expect(callsTo('sla.setCalendar')).toHaveLength(0);

    await user.click(within(form).getByRole('button', { name: 'Around the clock (24/7)' }));
    expect(within(form).getByLabelText<HTMLInputElement>('Sunday, range 1: closes').value).toBe('24:00');
    await user.click(within(form).getByRole('button', { name: 'Save business hours' }));
    expect(
      await within(form).findByText('The holidays were refused: real dates, each listed once, at most 366.'),
    ).toBeTruthy();
    expect(within(form).getByLabelText('Holiday date').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('removes the calendar after a confirmation', async () => {
    renderPage({
      'sla.settings': () => settings({ calendar: office }),
      'sla.setCalendar': () => ({ brandId: ids.brandSkyward, recomputing: 2 }),
    });
    const user = userEvent.setup();
    await calendarForm();
    await user.click(screen.getByRole('button', { name: 'Remove the business hours' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove the business hours of Skyward Air?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove the business hours' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'The business hours were removed: business-hours targets now count every hour. Due times of 2 open conversations are being recomputed.',
    );
    expect(callsTo('sla.setCalendar')[0]?.input).toEqual({
      organizationId: ids.org,
      brandId: ids.brandSkyward,
      calendar: null,
    });
  });
});
