import type { Role } from '@perch/shared';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPage, settlePages } from '@/testing/render-page.tsx';
import { ids, meFixture } from '@/testing/fixtures.ts';
import { callsTo, trpcError, type Resolvers } from '@/testing/trpc-mock.ts';
import type { Agent, Availability } from '../types.ts';
import { AvailabilityToggle } from './availability-toggle.tsx';

const me = (availability: Availability): Agent => ({
  membershipId: ids.membership,
  userId: ids.user,
  name: 'Olivia Owner',
  email: 'olivia@skyward.test',
  role: 'agent',
  availability,
  capacity: null,
  needsApproval: false,
  openCount: 0,
  brandIds: [],
  teams: [],
});

const renderToggle = (role: Role, resolvers: Resolvers = {}) =>
  renderPage(<AvailabilityToggle organizationId={ids.org} />, {
    resolvers: { 'auth.me': () => meFixture(role), ...resolvers },
  });

afterEach(settlePages);

describe('availability toggle', () => {
  it('shows the member’s availability and changes it', async () => {
    let availability: Availability = 'offline';
    renderToggle('agent', {
      'agents.list': () => [me(availability)],
      'agents.setAvailability': (input) => {
        availability = input.availability;
        return { membershipId: ids.membership, availability, changed: true };
      },
    });
    const select = await screen.findByRole<HTMLSelectElement>('combobox', { name: 'My availability' });
    await waitFor(() => expect(select.disabled).toBe(false));
    expect(select.value).toBe('offline');
    await userEvent.setup().selectOptions(select, 'Online');
    await waitFor(() => expect(callsTo('agents.list').length).toBeGreaterThan(1));
    expect(callsTo('agents.setAvailability')[0]?.input).toEqual({ organizationId: ids.org, availability: 'online' });
    await waitFor(() => expect(select.value).toBe('online'));
  });

  it('renders nothing for a role the server refuses (billing admin)', async () => {
    const { container } = renderToggle('billing_admin', {
      'agents.list': () => Promise.reject(trpcError('FORBIDDEN')),
    });
    await waitFor(() => expect(callsTo('agents.list')).toHaveLength(1));
    await waitFor(() => expect(container.querySelector('[data-testid="availability-toggle"]')).toBeNull());
  });
});
