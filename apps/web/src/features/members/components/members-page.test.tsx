import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Invitation } from '@/lib/trpc.ts';
import { brandsFixture, ids, meFixture, membersFixture, organizationFixture } from '@/testing/fixtures.ts';
import { renderApp } from '@/testing/render-app.tsx';
import { callsTo, trpcError, type Resolvers } from '@/testing/trpc-mock.ts';

const membersUrl = `/o/${ids.org}/settings/members`;

function resolvers(overrides: Resolvers = {}): Resolvers {
  return {
    'auth.me': () => meFixture('owner'),
    'organizations.get': () => organizationFixture('owner'),
    'brands.list': () => brandsFixture,
    'members.list': () => membersFixture,
    'invitations.list': () => [],
    'organizations.secondFactor': () => ({ requireTotp: false, membersWithoutSecondFactor: [] }),
    ...overrides,
  };
}

describe('members page', () => {
  it('lists members with their role and brands', async () => {
    renderApp(membersUrl, { resolvers: resolvers() });
    const table = await screen.findByTestId('members-table');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const adam = within(table).getByRole('row', { name: /Adam Agent/ });
    expect(within(adam).getByText('adam@skyward.test')).toBeTruthy();
    expect(within(adam).getByRole<HTMLSelectElement>('combobox', { name: 'Role of Adam Agent' }).value).toBe('agent');
    expect(within(adam).getByText('Skyward Air')).toBeTruthy();
    const olivia = within(table).getByRole('row', { name: /Olivia Owner/ });
    expect(within(olivia).getByText('All brands')).toBeTruthy();
    expect(within(olivia).getByText('you')).toBeTruthy();
    expect(await screen.findByText('No pending invitation.')).toBeTruthy();
  });

  it('invites a member and shows the accept link to copy; the pending list is refreshed', async () => {
    const pending: Invitation[] = [];
    const acceptUrl = 'http://localhost:3000/invite/tok_abcdefghijklmnopqrstuvwxyz012345';
    renderApp(membersUrl, {
      resolvers: resolvers({
        'invitations.list': () => pending,
        'members.invite': (input) => {
          const invitation = {
            id: '0190a7e2-0000-7000-8000-00000000e001',
            email: input.email,
            role: input.role,
            expiresAt: '2026-03-08T10:00:00.000Z',
          };
          pending.push({ ...invitation, brandIds: input.brandIds ?? [], createdAt: '2026-03-01T10:00:00.000Z' });
          return { ...invitation, acceptUrl };
        },
      }),
    });
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Invite a member' });
    await user.type(within(form).getByLabelText('Email'), 'nina@skyward.test');
    await user.selectOptions(within(form).getByLabelText('Role'), 'Manager');
    await user.click(within(form).getByRole('checkbox', { name: 'Limit to some brands' }));
    await user.click(within(form).getByRole('checkbox', { name: 'Skyward Cargo' }));
    await user.click(within(form).getByRole('button', { name: 'Create invitation' }));

    const link = await screen.findByTestId<HTMLInputElement>('invite-accept-url');
    expect(link.value).toBe(acceptUrl);
    expect(screen.getByRole('button', { name: 'Copy' })).toBeTruthy();
    expect(callsTo('members.invite')[0]?.input).toEqual({
      organizationId: ids.org,
      email: 'nina@skyward.test',
      role: 'manager',
      brandIds: [ids.brandCargo],
    });

    const invitations = await screen.findByTestId('invitations-table');
    const row = within(invitations).getByRole('row', { name: /nina@skyward\.test/ });
    expect(within(row).getByText('Manager')).toBeTruthy();
    expect(within(row).getByText('Skyward Cargo')).toBeTruthy();
    // Only the affected query was fetched again.
    expect(callsTo('invitations.list').length).toBe(2);
    expect(callsTo('members.list').length).toBe(1);
  });

  it('says when the person is already a member', async () => {
    renderApp(membersUrl, {
      resolvers: resolvers({
        'members.invite': () => {
          throw trpcError('ALREADY_MEMBER');
        },
      }),
    });
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Invite a member' });
    await user.type(within(form).getByLabelText('Email'), 'adam@skyward.test');
    await user.click(within(form).getByRole('button', { name: 'Create invitation' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'This person is already a member of the organization.',
    );
  });

  it('changes a role with the select', async () => {
    let members = membersFixture;
    renderApp(membersUrl, {
      resolvers: resolvers({
        'members.list': () => members,
        'members.changeRole': (input) => {
          members = members.map((m) => (m.membershipId === input.membershipId ? { ...m, role: input.role } : m));
          return members.find((m) => m.membershipId === input.membershipId)!;
        },
      }),
    });
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Role of Adam Agent' }), 'Manager');
    expect(await screen.findByText('Adam Agent is now Manager.')).toBeTruthy();
    expect(callsTo('members.changeRole')[0]?.input).toEqual({
      organizationId: ids.org,
      membershipId: membersFixture[1]!.membershipId,
      role: 'manager',
    });
  });

  it('removes a member after confirming in a dialog', async () => {
    let members = membersFixture;
    renderApp(membersUrl, {
      resolvers: resolvers({
        'members.list': () => members,
        'members.remove': (input) => {
          members = members.filter((m) => m.membershipId !== input.membershipId);
          return { ok: true as const };
        },
      }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Remove Adam Agent' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove Adam Agent?' });
    expect(callsTo('members.remove')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Remove member' }));
    await waitFor(() => expect(screen.queryByRole('row', { name: /Adam Agent/ })).toBeNull());
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('revokes a pending invitation', async () => {
    let pending: Invitation[] = [
      {
        id: '0190a7e2-0000-7000-8000-00000000e009',
        email: 'late@skyward.test',
        role: 'agent',
        brandIds: [],
        expiresAt: '2026-03-08T10:00:00.000Z',
        createdAt: '2026-03-01T10:00:00.000Z',
      },
    ];
    renderApp(membersUrl, {
      resolvers: resolvers({
        'invitations.list': () => pending,
        'invitations.revoke': ({ invitationId }) => {
          pending = pending.filter((i) => i.id !== invitationId);
          return { ok: true as const };
        },
      }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Revoke the invitation for late@skyward.test' }));
    expect(await screen.findByText('No pending invitation.')).toBeTruthy();
  });
});
