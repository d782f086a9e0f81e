import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Brand } from '@/lib/trpc.ts';
import { brandsFixture, ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import { renderApp } from '@/testing/render-app.tsx';
import { callsTo, trpcError, type Resolvers } from '@/testing/trpc-mock.ts';

function resolvers(store: { brands: Brand[] }, overrides: Resolvers = {}): Resolvers {
  return {
    'auth.me': () => meFixture('admin'),
    'organizations.get': () => organizationFixture('admin'),
    'brands.list': () => store.brands,
    ...overrides,
  };
}

describe('brands page', () => {
  it('lists brands with the creation time in the brand time zone', async () => {
    renderApp(`/o/${ids.org}/settings/brands`, { resolvers: resolvers({ brands: brandsFixture }) });
    const row = await screen.findByRole('row', { name: /Skyward Air/ });
    expect(within(row).getByText('@SkywardAir')).toBeTruthy();
    expect(within(row).getByText('America/New_York')).toBeTruthy();
    // 15:30 UTC is 10:30 in New York in January.
    expect(within(row).getByText(/10:30/)).toBeTruthy();
  });

  it('creates a brand (time zone from the list, handle without @)', async () => {
    const store = { brands: [...brandsFixture] };
    renderApp(`/o/${ids.org}/settings/brands`, {
      resolvers: resolvers(store, {
        'brands.create': (input) => {
          const brand: Brand = {
            id: '0190a7e2-0000-7000-8000-00000000d003',
            name: input.name,
            handle: input.handle ?? null,
            timeZone: input.timeZone,
            locale: input.locale ?? 'en',
            createdAt: '2026-03-01T10:00:00.000Z',
            requiresApproval: false,
          };
          store.brands = [...store.brands, brand];
          return brand;
        },
      }),
    });
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'New brand' });
    await user.type(within(form).getByLabelText('Name'), 'Skyward Holidays');
    await user.type(within(form).getByLabelText('X handle'), '@SkyHolidays');
    await user.selectOptions(within(form).getByLabelText('Time zone'), 'Europe/Paris');
    await user.selectOptions(within(form).getByLabelText('Language'), 'Français');
    await user.click(within(form).getByRole('button', { name: 'Create brand' }));
    expect(await screen.findByText('Skyward Holidays was created.')).toBeTruthy();
    expect(callsTo('brands.create')[0]?.input).toEqual({
      organizationId: ids.org,
      name: 'Skyward Holidays',
      handle: 'SkyHolidays',
      timeZone: 'Europe/Paris',
      locale: 'fr',
    });
    expect(await screen.findByRole('row', { name: /Skyward Holidays/ })).toBeTruthy();
  });

  it('edits a brand and reports a taken name by the field', async () => {
    const store = { brands: [...brandsFixture] };
    renderApp(`/o/${ids.org}/settings/brands`, {
      resolvers: resolvers(store, {
        'brands.update': (input) => {
          if (input.name === 'Skyward Cargo') throw trpcError('CONFLICT');
          store.brands = store.brands.map((b) =>
            b.id === input.brandId ? { ...b, name: input.name ?? b.name, handle: input.handle ?? null } : b,
          );
          return store.brands.find((b) => b.id === input.brandId)!;
        },
      }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit Skyward Air' }));
    const form = screen.getByRole('form', { name: 'Edit Skyward Air' });
    const name = within(form).getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Skyward Cargo');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('A brand with this name already exists.')).toBeTruthy();

    await user.clear(name);
    await user.type(name, 'Skyward Airlines');
    await user.clear(within(form).getByLabelText('X handle'));
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: /Edit/ })).toBeNull());
    expect(await screen.findByRole('row', { name: /Skyward Airlines/ })).toBeTruthy();
    expect(callsTo('brands.update').at(-1)?.input).toMatchObject({
      brandId: ids.brandSkyward,
      name: 'Skyward Airlines',
      handle: null,
    });
  });
});
