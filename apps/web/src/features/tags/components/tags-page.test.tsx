import type { Role } from '@perch/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPage as renderWithApp, settlePages } from '@/testing/render-page.tsx';
import { brandsFixture, ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import { callsTo, trpcError, type Resolvers } from '@/testing/trpc-mock.ts';
import type { Tag } from '../types.ts';
import { TagsPage } from './tags-page.tsx';

const tagIds = {
  refund: '0190a7e2-0000-7000-8000-00000000f001',
  delay: '0190a7e2-0000-7000-8000-00000000f002',
  created: '0190a7e2-0000-7000-8000-00000000f003',
};
const tagsFixture: Tag[] = [
  { id: tagIds.delay, brandId: ids.brandSkyward, name: 'Delay', color: '#2563eb' },
  { id: tagIds.refund, brandId: ids.brandSkyward, name: 'Refund', color: '#dc2626' },
];

function resolvers(role: Role = 'manager', overrides: Resolvers = {}): Resolvers {
  return {
    'auth.me': () => meFixture(role),
    'brands.list': () => brandsFixture,
    'tags.list': () => tagsFixture,
    ...overrides,
  };
}

const route = `/o/${ids.org}/settings/tags?brand=${ids.brandSkyward}`;
const renderPage = (role: Role, overrides: Resolvers = {}) =>
  renderWithApp(<TagsPage organization={organizationFixture(role)} />, {
    resolvers: resolvers(role, overrides),
    route,
  });

afterEach(settlePages);

describe('tags page', { timeout: 15_000 }, () => {
  it('lists the brand’s tags with their colours', async () => {
    renderPage('manager');
    const table = await screen.findByTestId('tags-table');
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    const refund = within(table).getByRole('row', { name: /Refund/ });
    expect(within(refund).getByRole('img', { name: 'Colour #dc2626' })).toBeTruthy();
    expect(within(refund).getByRole('button', { name: 'Edit the tag “Refund”' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Tags of Skyward Air' })).toBeTruthy();
    expect(callsTo('tags.list')[0]?.input).toEqual({ organizationId: ids.org, brandId: ids.brandSkyward });
  });

  it('creates a tag and refreshes the list', async () => {
    let tags = [...tagsFixture];
    renderPage('manager', {
      'tags.list': () => tags,
      'tags.create': (input) => {
        const tag = { id: tagIds.created, brandId: input.brandId, name: input.name, color: input.color ?? '#6b7280' };
        tags = [...tags, tag];
        return tag;
      },
    });
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Add a tag' });
    await user.type(within(form).getByLabelText('Name'), '  Lost luggage ');
    const color = within(form).getByLabelText('Colour');
    await user.clear(color);
    await user.type(color, '#1F9D55');
    await user.click(within(form).getByRole('button', { name: 'Add the tag' }));
    expect((await screen.findByRole('status')).textContent).toBe('The tag “Lost luggage” was added.');
    expect(callsTo('tags.create')[0]?.input).toEqual({
      organizationId: ids.org,
      brandId: ids.brandSkyward,
      name: 'Lost luggage',
      color: '#1f9d55',
    });
    const table = screen.getByTestId('tags-table');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
  });

  it('shows validation errors: a bad colour here, a duplicate name from the server', async () => {
    renderPage('manager', {
      'tags.create': () => Promise.reject(trpcError('CONFLICT', { details: { field: 'name' } })),
    });
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Add a tag' });
    const color = within(form).getByLabelText('Colour');
    await user.clear(color);
    await user.type(color, 'red');
    await user.click(within(form).getByRole('button', { name: 'Add the tag' }));
    expect(within(form).getByText('Required.')).toBeTruthy();
    expect(within(form).getByText('Enter a colour like #1f9d55.')).toBeTruthy();
    expect(callsTo('tags.create')).toHaveLength(0);

    await user.type(within(form).getByLabelText('Name'), 'refund');
    await user.clear(color);
    await user.type(color, '#123456');
    await user.click(within(form).getByRole('button', { name: 'Add the tag' }));
    expect(await within(form).findByText('This brand already has a tag with this name.')).toBeTruthy();
  });

  it('renames and recolours a tag', async () => {
    renderPage('manager', {
      'tags.update': (input) => ({ ...tagsFixture[1]!, name: input.name!, color: input.color! }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit the tag “Refund”' }));
    const form = screen.getByRole('form', { name: 'Edit the tag “Refund”' });
    const name = within(form).getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Refunds');
    await user.click(within(form).getByRole('button', { name: 'Save the tag' }));
    expect((await screen.findByRole('status')).textContent).toBe('The tag “Refunds” was saved.');
    expect(callsTo('tags.update')[0]?.input).toEqual({
      organizationId: ids.org,
      tagId: tagIds.refund,
      name: 'Refunds',
      color: '#dc2626',
    });
  });

  it('deletes a tag after a confirmation saying how many conversations carry it', async () => {
    renderPage('manager', {
      'tags.usage': (input) => ({ tagId: input.tagId, conversationCount: 42, ruleCount: 1 }),
      'tags.delete': (input) => ({ id: input.tagId, conversationsUntagged: 42, rulesCleared: 1 }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete the tag “Refund”' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete the tag “Refund”?' });
    expect(
      await within(dialog).findByText('42 conversation(s) carry this tag: it will be removed from them.'),
    ).toBeTruthy();
    expect(within(dialog).getByText(/1 keyword rule\(s\) apply it/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Delete the tag' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'The tag “Refund” was deleted and removed from 42 conversation(s).',
    );
    expect(callsTo('tags.delete')[0]?.input).toEqual({ organizationId: ids.org, tagId: tagIds.refund });
  });

  it('agents see the list read-only: no form, no edit or delete', async () => {
    renderPage('agent');
    const table = await screen.findByTestId('tags-table');
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByText('Only managers, admins and owners can change tags.')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Add a tag' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Delete the tag/ })).toBeNull();
  });

  it('shows the server’s refusal when a change is forbidden', async () => {
    renderPage('manager', { 'tags.create': () => Promise.reject(trpcError('FORBIDDEN')) });
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Add a tag' });
    await user.type(within(form).getByLabelText('Name'), 'Nope');
    await user.click(within(form).getByRole('button', { name: 'Add the tag' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('Your role does not allow this.');
  });
});
