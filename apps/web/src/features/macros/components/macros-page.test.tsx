import { AUTOMATION_LIMITS, type MacroItem } from '@perch/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPage as renderWithApp, settlePages } from '@/testing/render-page.tsx';
import { brandsFixture, ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import { callsTo, trpcError, type Resolvers } from '@/testing/trpc-mock.ts';
import { MacrosPage } from './macros-page.tsx';

const macroIds = {
  refund: '0190a7e2-0000-7000-8000-00000000e001',
  close: '0190a7e2-0000-7000-8000-00000000e002',
  created: '0190a7e2-0000-7000-8000-00000000e003',
  tagRefund: '0190a7e2-0000-7000-8000-00000000e101',
  tagCargo: '0190a7e2-0000-7000-8000-00000000e102',
  team: '0190a7e2-0000-7000-8000-00000000e201',
};
const at = '2026-03-01T09:00:00.000Z';
const refundMacro: MacroItem = {
  id: macroIds.refund,
  brandId: ids.brandSkyward,
  name: 'Refund request',
  actions: [
    { type: 'add_tag', tagId: macroIds.tagRefund },
    { type: 'set_priority', priority: 'urgent' },
    { type: 'assign_team', teamId: macroIds.team },
  ],
  createdAt: at,
  updatedAt: at,
};
const closeMacro: MacroItem = {
  id: macroIds.close,
  brandId: null,
  name: 'Thanks and close',
  actions: [
    { type: 'add_note', text: 'Customer thanked us.' },
    { type: 'set_status', status: 'resolved' },
  ],
  createdAt: at,
  updatedAt: at,
};

function resolvers(overrides: Resolvers = {}): Resolvers {
  return {
    'auth.me': () => meFixture('manager'),
    'brands.list': () => brandsFixture,
    'macros.list': () => [refundMacro, closeMacro],
    'tags.list': () => [
      { id: macroIds.tagRefund, brandId: ids.brandSkyward, name: 'refund', color: '#dc2626' },
      { id: macroIds.tagCargo, brandId: ids.brandCargo, name: 'pallet', color: '#2563eb' },
    ],
    'teams.list': () => [{ id: macroIds.team, name: 'Billing', brandIds: [], members: [], createdAt: at }],
    ...overrides,
  };
}

const renderPage = (overrides: Resolvers = {}) =>
  renderWithApp(<MacrosPage organization={organizationFixture('manager')} />, {
    resolvers: resolvers(overrides),
    route: `/o/${ids.org}/settings/macros`,
  });

afterEach(settlePages);

describe('macros page', { timeout: 15_000 }, () => {
  it('lists the macros with their brand and what they do, in words', async () => {
    renderPage();
    const table = await screen.findByTestId('macros-table');
    const refund = within(table).getByRole('row', { name: /Refund request/ });
    expect(within(refund).getByText('Skyward Air')).toBeTruthy();
    await waitFor(() =>
      expect(within(refund).getByText('add tag “refund” · priority urgent · team Billing')).toBeTruthy(),
    );
    const close = within(table).getByRole('row', { name: /Thanks and close/ });
    expect(within(close).getByText('All brands')).toBeTruthy();
    expect(within(close).getByText('note “Customer thanked us.” · status resolved')).toBeTruthy();
    expect(callsTo('macros.list')[0]?.input).toEqual({ organizationId: ids.org });
  });

  it('says what macros are for when there is none', async () => {
    renderPage({ 'macros.list': () => [] });
    expect(await screen.findByText(/No macro yet/)).toBeTruthy();
    expect(screen.queryByTestId('macros-table')).toBeNull();
  });

  it('creates a macro with ordered actions and sends exactly them', async () => {
    renderPage({
      'macros.create': (input) => ({ ...refundMacro, id: macroIds.created, name: input.name, actions: input.actions }),
    });
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Add a macro' });
    await user.type(within(form).getByLabelText('Name'), '  Lost bag ');
    await user.selectOptions(within(form).getByLabelText('Brand'), 'Skyward Air');
    await user.selectOptions(within(form).getByLabelText('Action 1'), 'Add a tag');
    // Only the chosen brand's tags are offered.
    const tag = within(form).getByLabelText('Tag (action 1)');
    expect(within(tag).queryByRole('option', { name: 'pallet' })).toBeNull();
    await user.selectOptions(tag, 'refund');
    await user.click(within(form).getByRole('button', { name: 'Add an action' }));
    await user.selectOptions(within(form).getByLabelText('Action 2'), 'Snooze');
    const hours = within(form).getByLabelText('Hours (action 2)');
    await user.clear(hours);
    await user.type(hours, '24');
    await user.click(within(form).getByRole('button', { name: 'Add an action' }));
    await user.selectOptions(within(form).getByLabelText('Action 3'), 'Assign to the agent applying it');
    await user.click(within(form).getByRole('button', { name: 'Move action 3 up' }));
    await user.click(within(form).getByRole('button', { name: 'Add the macro' }));

    expect((await screen.findByRole('status')).textContent).toBe('The macro “Lost bag” was added.');
    expect(callsTo('macros.create')[0]?.input).toEqual({
      organizationId: ids.org,
      brandId: ids.brandSkyward,
      name: 'Lost bag',
      actions: [{ type: 'add_tag', tagId: macroIds.tagRefund }, { type: 'assign_self' }, { type: 'snooze', hours: 24 }],
    });
  });

  it('checks the form as the server does: name, tag, hours, note; tag actions need a brand', async () => {
    renderPage();
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Add a macro' });
    const type = within(form).getByLabelText('Action 1');
    // "All brands": tag actions are not offered.
    expect(within(type).getByRole<HTMLOptionElement>('option', { name: 'Add a tag' }).disabled).toBe(true);
    await user.selectOptions(type, 'Add an internal note');
    await user.click(within(form).getByRole('button', { name: 'Add an action' }));
    await user.selectOptions(within(form).getByLabelText('Action 2'), 'Snooze');
    await user.clear(within(form).getByLabelText('Hours (action 2)'));
    await user.type(within(form).getByLabelText('Hours (action 2)'), '0');
    await user.click(within(form).getByRole('button', { name: 'Add the macro' }));
    expect(within(form).getByText('Required.')).toBeTruthy();
    expect(within(form).getByText('Write the note.')).toBeTruthy();
    expect(within(form).getByText(`Between 1 and ${AUTOMATION_LIMITS.snoozeHoursMax} hours.`)).toBeTruthy();

    await user.click(within(form).getByRole('button', { name: 'Remove action 2' }));
    await user.click(within(form).getByRole('button', { name: 'Remove action 1' }));
    await user.click(within(form).getByRole('button', { name: 'Add the macro' }));
    expect(within(form).getByText('Add at least one action.')).toBeTruthy();
    expect(callsTo('macros.create')).toHaveLength(0);
  });

  it('shows a duplicate name at the name field', async () => {
    renderPage({ 'macros.create': () => Promise.reject(trpcError('CONFLICT', { details: { field: 'name' } })) });
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Add a macro' });
    await user.type(within(form).getByLabelText('Name'), 'Refund request');
    await user.click(within(form).getByRole('button', { name: 'Add the macro' }));
    expect(await within(form).findByText('Another macro already has this name.')).toBeTruthy();
    expect(callsTo('macros.create')[0]?.input).toEqual({
      organizationId: ids.org,
      brandId: null,
      name: 'Refund request',
      actions: [{ type: 'set_priority', priority: 'high' }],
    });
  });

  it('edits a macro: its actions come back in the form, the update sends the whole macro', async () => {
    renderPage({ 'macros.update': (input) => ({ ...refundMacro, name: input.name!, actions: input.actions! }) });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit the macro “Refund request”' }));
    const form = screen.getByRole('form', { name: 'Edit the macro “Refund request”' });
    expect(within(form).getByLabelText<HTMLSelectElement>('Tag (action 1)').value).toBe(macroIds.tagRefund);
    expect(within(form).getByLabelText<HTMLSelectElement>('Priority (action 2)').value).toBe('urgent');
    await user.selectOptions(within(form).getByLabelText('Team (action 3)'), 'No team');
    await user.click(within(form).getByRole('button', { name: 'Remove action 1' }));
    await user.click(within(form).getByRole('button', { name: 'Save the macro' }));
    expect((await screen.findByRole('status')).textContent).toBe('The macro “Refund request” was saved.');
    expect(callsTo('macros.update')[0]?.input).toEqual({
      organizationId: ids.org,
      macroId: macroIds.refund,
      brandId: ids.brandSkyward,
      name: 'Refund request',
      actions: [
        { type: 'set_priority', priority: 'urgent' },
        { type: 'assign_team', teamId: null },
      ],
    });
  });

  it('deletes a macro after a confirmation', async () => {
    renderPage({ 'macros.delete': (input) => ({ id: input.macroId }) });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete the macro “Thanks and close”' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete the macro “Thanks and close”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete the macro' }));
    expect((await screen.findByRole('status')).textContent).toBe('The macro “Thanks and close” was deleted.');
    expect(callsTo('macros.delete')[0]?.input).toEqual({ organizationId: ids.org, macroId: macroIds.close });
  });

  it('says so when a tag or team of the macro no longer exists', async () => {
    renderPage({ 'macros.update': () => Promise.reject(trpcError('NOT_FOUND')) });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit the macro “Refund request”' }));
    const form = screen.getByRole('form', { name: 'Edit the macro “Refund request”' });
    await user.click(within(form).getByRole('button', { name: 'Save the macro' }));
    expect((await within(form).findByRole('alert')).textContent).toMatch(/no longer exists/);
  });
});
