import type { Role } from '@perch/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Agent } from '@/features/agents/types.ts';
import { brandsFixture, entitlementsFixture, ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import { callsTo, trpcError, type Resolvers } from '@/testing/trpc-mock.ts';
import { renderPage as renderWithApp, settlePages } from '@/testing/render-page.tsx';
import type { Team } from '../types.ts';
import { TeamsPage } from './teams-page.tsx';

const teamIds = { baggage: '0190a7e2-0000-7000-8000-0000000a1001', created: '0190a7e2-0000-7000-8000-0000000a1002' };
const adam: Agent = {
  membershipId: '0190a7e2-0000-7000-8000-00000000c002',
  userId: '0190a7e2-0000-7000-8000-00000000b002',
  name: 'Adam Agent',
  email: 'adam@skyward.test',
  role: 'agent',
  availability: 'online',
  capacity: 10,
  needsApproval: false,
  openCount: 4,
  brandIds: [ids.brandSkyward],
  teams: [{ id: teamIds.baggage, name: 'Baggage desk' }],
};
const olivia: Agent = {
  ...adam,
  membershipId: ids.membership,
  userId: ids.user,
  name: 'Olivia Owner',
  email: 'olivia@skyward.test',
  role: 'owner',
  availability: 'offline',
  capacity: null,
  needsApproval: false,
  openCount: 0,
  brandIds: [],
  teams: [],
};
const baggage: Team = {
  id: teamIds.baggage,
  name: 'Baggage desk',
  brandIds: [ids.brandSkyward],
  members: [
    { membershipId: adam.membershipId, userId: adam.userId, name: adam.name, email: adam.email, role: 'agent' },
  ],
  createdAt: '2026-02-01T10:00:00.000Z',
};

function resolvers(role: Role = 'manager', overrides: Resolvers = {}): Resolvers {
  return {
    'auth.me': () => meFixture(role),
    'brands.list': () => brandsFixture,
    'teams.list': () => [baggage],
    'agents.list': () => [adam, olivia],
    'routing.getSettings': () =>
      brandsFixture.map((b) => ({ brandId: b.id, name: b.name, assignmentMode: 'manual' as const })),
    'billing.entitlements': () => entitlementsFixture(),
    ...overrides,
  };
}
const renderPage = (role: Role, overrides: Resolvers = {}) =>
  renderWithApp(<TeamsPage organization={organizationFixture(role)} />, { resolvers: resolvers(role, overrides) });

afterEach(settlePages);

describe('teams page', { timeout: 15_000 }, () => {
  it('lists teams with their brands and members, and the agents with load and capacity', async () => {
    renderPage('manager');
    const table = await screen.findByTestId('teams-table');
    const row = within(table).getByRole('row', { name: /Baggage desk/ });
    expect(within(row).getByText('Skyward Air')).toBeTruthy();
    expect(within(row).getByText('Adam Agent')).toBeTruthy();
    const agents = await screen.findByTestId('agents-table');
    const adamRow = within(agents).getByRole('row', { name: /Adam Agent/ });
    expect(within(adamRow).getByText('Online')).toBeTruthy();
    expect(within(adamRow).getByText('4 / 10')).toBeTruthy();
    expect(within(adamRow).getByRole<HTMLInputElement>('textbox', { name: 'Capacity of Adam Agent' }).value).toBe('10');
  });

  it('creates a team with brands and members', async () => {
    let teams = [baggage];
    renderPage('manager', {
      'teams.list': () => teams,
      'teams.create': (input) => {
        const team: Team = {
          id: teamIds.created,
          name: input.name,
          brandIds: input.brandIds ?? [],
          members: [],
          createdAt: '2026-03-01T10:00:00.000Z',
        };
        teams = [...teams, team];
        return team;
      },
    });
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Create a team' });
    await user.type(within(form).getByLabelText('Name'), 'Cargo desk');
    await user.click(within(within(form).getByRole('group', { name: 'Brands' })).getByLabelText('Skyward Cargo'));
    await waitFor(() => expect(within(form).getByRole('group', { name: 'Members' }).textContent).toContain('Adam'));
    await user.click(within(within(form).getByRole('group', { name: 'Members' })).getByLabelText('Adam Agent'));
    await user.click(within(form).getByRole('button', { name: 'Create the team' }));
    expect((await screen.findByRole('status')).textContent).toBe('The team “Cargo desk” was created.');
    expect(callsTo('teams.create')[0]?.input).toEqual({
      organizationId: ids.org,
      name: 'Cargo desk',
      brandIds: [ids.brandCargo],
      membershipIds: [adam.membershipId],
    });
    await waitFor(() => expect(within(screen.getByTestId('teams-table')).getAllByRole('row')).toHaveLength(3));
  });

  it('shows validation errors: an empty name here, a duplicate from the server', async () => {
    renderPage('manager', {
      'teams.create': () => Promise.reject(trpcError('CONFLICT', { details: { field: 'name' } })),
    });
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Create a team' });
    await user.click(within(form).getByRole('button', { name: 'Create the team' }));
    expect(within(form).getByText('Required.')).toBeTruthy();
    expect(callsTo('teams.create')).toHaveLength(0);
    await user.type(within(form).getByLabelText('Name'), 'baggage DESK');
    await user.click(within(form).getByRole('button', { name: 'Create the team' }));
    expect(await within(form).findByText('A team with this name already exists.')).toBeTruthy();
  });

  it('edits a team: name and brands, then members when they changed', async () => {
    renderPage('manager', {
      'teams.update': (input) => ({ ...baggage, name: input.name!, brandIds: input.brandIds! }),
      'teams.setMembers': (input) => ({ ...baggage, members: input.membershipIds.length ? baggage.members : [] }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit the team “Baggage desk”' }));
    const form = screen.getByRole('form', { name: 'Edit the team “Baggage desk”' });
    const name = within(form).getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Bags');
    await user.click(within(within(form).getByRole('group', { name: 'Members' })).getByLabelText('Adam Agent'));
    await user.click(within(form).getByRole('button', { name: 'Save the team' }));
    expect(await screen.findByRole('status')).toBeTruthy();
    expect(callsTo('teams.update')[0]?.input).toEqual({
      organizationId: ids.org,
      teamId: teamIds.baggage,
      name: 'Bags',
      brandIds: [ids.brandSkyward],
    });
    expect(callsTo('teams.setMembers')[0]?.input).toEqual({
      organizationId: ids.org,
      teamId: teamIds.baggage,
      membershipIds: [],
    });
  });

  it('deletes a team after a confirmation', async () => {
    renderPage('manager', { 'teams.delete': (input) => ({ id: input.teamId, conversationsUnteamed: 3 }) });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete the team “Baggage desk”' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete the team “Baggage desk”?' });
    expect(within(dialog).getByText(/keep their assignee but lose the team/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Delete the team' }));
    expect((await screen.findByRole('status')).textContent).toBe('The team “Baggage desk” was deleted.');
  });

  it('sets an agent’s capacity, refusing values out of range', async () => {
    renderPage('manager', {
      'agents.setCapacity': (input) => ({ membershipId: input.membershipId, capacity: input.capacity }),
    });
    const user = userEvent.setup();
    const input = await screen.findByRole('textbox', { name: 'Capacity of Adam Agent' });
    await user.clear(input);
    await user.type(input, '500');
    await user.click(screen.getByRole('button', { name: 'Save the capacity of Adam Agent' }));
    expect(screen.getByText('Enter a whole number from 1 to 200, or leave empty.')).toBeTruthy();
    await user.clear(input);
    await user.type(input, '12');
    await user.click(screen.getByRole('button', { name: 'Save the capacity of Adam Agent' }));
    expect((await screen.findByRole('status')).textContent).toBe('The capacity of Adam Agent was saved.');
    expect(callsTo('agents.setCapacity')[0]?.input).toEqual({
      organizationId: ids.org,
      membershipId: adam.membershipId,
      capacity: 12,
    });
  });

  it('a manager switches a brand to round-robin assignment; agents only see the mode', async () => {
    const user = userEvent.setup();
    const brand = brandsFixture[0]!;
    renderPage('manager', {
      'routing.setMode': (input) => {
        expect(input).toEqual({ organizationId: ids.org, brandId: brand.id, mode: 'round_robin' });
        return { brandId: brand.id, name: brand.name, assignmentMode: 'round_robin' };
      },
    });
    await user.selectOptions(await screen.findByLabelText(`Assignment for ${brand.name}`), 'round_robin');
    expect(await screen.findByText(`${brand.name}: Round-robin.`)).toBeTruthy();
    expect(callsTo('routing.setMode')).toHaveLength(1);
  });

  it('a brand whose plan lacks automatic assignment says which plan unlocks it; the server’s refusal names it too', async () => {
    const user = userEvent.setup();
    const cargo = brandsFixture[0]!;
    renderPage('manager', {
      'billing.entitlements': () => entitlementsFixture([cargo.id]),
      'routing.setMode': () => {
        throw trpcError('PAYMENT_REQUIRED', { details: { feature: 'auto_assignment', planId: 'pro' } });
      },
    });
    const lock = await screen.findByTestId('plan-lock-auto_assignment');
    expect(lock.textContent).toContain(`Automatic assignment needs the Pro plan for ${cargo.name}.`);
    // A manager cannot open billing: no link to it.
    expect(within(lock).queryByRole('link')).toBeNull();
    expect(screen.getAllByTestId('plan-lock-auto_assignment')).toHaveLength(1);
    await user.selectOptions(screen.getByLabelText(`Assignment for ${cargo.name}`), 'round_robin');
    expect(await screen.findByText('This needs the Pro plan.')).toBeTruthy();
  });

  it('agents see teams read-only; a forbidden change shows the refusal', async () => {
    renderPage('agent');
    const table = await screen.findByTestId('teams-table');
    expect(within(table).queryByRole('button')).toBeNull();
    expect(screen.getByText('Only managers, admins and owners can change teams.')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Create a team' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: /Capacity of/ })).toBeNull();
  });

  it('a manager limited to some brands sees why the server refused', async () => {
    renderPage('manager', { 'teams.create': () => Promise.reject(trpcError('FORBIDDEN')) });
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Create a team' });
    await user.type(within(form).getByLabelText('Name'), 'Everywhere');
    await user.click(within(form).getByRole('button', { name: 'Create the team' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('This team serves brands beyond yours.');
  });
});
