import type { CannedReplyItem } from '@perch/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPage as renderWithApp, settlePages } from '@/testing/render-page.tsx';
import { brandsFixture, ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import { callsTo, trpcError, type Resolvers } from '@/testing/trpc-mock.ts';
import { CannedRepliesPage } from './canned-replies-page.tsx';

const cannedIds = {
  delay: '0190a7e2-0000-7000-8000-00000000c001',
  retard: '0190a7e2-0000-7000-8000-00000000c002',
  created: '0190a7e2-0000-7000-8000-00000000c003',
};
const at = '2026-03-01T09:00:00.000Z';
const delay: CannedReplyItem = {
  id: cannedIds.delay,
  brandId: ids.brandSkyward,
  name: 'Delay apology',
  shortcut: 'delay',
  text: 'Hi {{customer.name}}, we are sorry about the delay. {{agent.first_name}}',
  language: 'en',
  useCount: 1234,
  updatedAt: at,
};
const retard: CannedReplyItem = {
  id: cannedIds.retard,
  brandId: ids.brandSkyward,
  name: 'Retard — excuses',
  shortcut: 'retard',
  text: 'Bonjour {{customer.name}}, nous sommes désolés du retard. {{agent.first_name}}',
  language: 'fr',
  useCount: 0,
  updatedAt: at,
};

function resolvers(overrides: Resolvers = {}): Resolvers {
  return {
    'auth.me': () => meFixture('manager'),
    'brands.list': () => brandsFixture,
    'cannedReplies.list': () => [delay, retard],
    ...overrides,
  };
}

const renderPage = (overrides: Resolvers = {}) =>
  renderWithApp(<CannedRepliesPage organization={organizationFixture('manager')} />, {
    resolvers: resolvers(overrides),
    route: `/o/${ids.org}/settings/canned-replies?brand=${ids.brandSkyward}`,
  });

const addForm = () => screen.findByRole('form', { name: 'Add a canned reply' });

afterEach(settlePages);

describe('canned replies page', { timeout: 20_000 }, () => {
  it('lists the brand’s canned replies with shortcut, language, highlighted variables and uses', async () => {
    renderPage();
    const table = await screen.findByTestId('canned-replies-table');
    expect(screen.getByRole('heading', { name: 'Canned replies of Skyward Air' })).toBeTruthy();
    const row = within(table).getByRole('row', { name: /Delay apology/ });
    expect(within(row).getByText('/delay')).toBeTruthy();
    expect(within(row).getByText('English')).toBeTruthy();
    expect(within(row).getByText('1,234')).toBeTruthy();
    const marks = row.querySelectorAll('mark.canned-variable');
    expect([...marks].map((m) => m.textContent)).toEqual(['{{customer.name}}', '{{agent.first_name}}']);
    expect(within(within(table).getByRole('row', { name: /Retard/ })).getByText('French')).toBeTruthy();
    expect(callsTo('cannedReplies.list')[0]?.input).toEqual({ organizationId: ids.org, brandId: ids.brandSkyward });
  });

  it('creates one: variables inserted at the cursor, a live preview, another language as a code', async () => {
    let list = [delay, retard];
    renderPage({
      'cannedReplies.list': () => list,
      'cannedReplies.create': (input) => {
        const created: CannedReplyItem = {
          id: cannedIds.created,
          brandId: input.brandId,
          name: input.name,
          shortcut: input.shortcut ?? null,
          text: input.text,
          language: input.language ?? 'en',
          useCount: 0,
          updatedAt: at,
        };
        list = [...list, created];
        return created;
      },
    });
    const user = userEvent.setup();
    const form = await addForm();
    await user.type(within(form).getByLabelText('Name'), ' Booking reference ');
    await user.type(within(form).getByLabelText('Shortcut'), '/Booking');
    await user.selectOptions(within(form).getByLabelText('Language'), 'other');
    await user.type(within(form).getByLabelText('Language code'), 'DE');
    const text = within(form).getByLabelText<HTMLTextAreaElement>('Text');
    await user.type(text, 'Hallo , bitte DM.');
    // The cursor goes after "Hallo ", then the variable lands there, and the cursor just after it.
    text.setSelectionRange(6, 6);
    await user.click(within(form).getByRole('button', { name: '{{customer.name}}' }));
    expect(text.value).toBe('Hallo {{customer.name}}, bitte DM.');
    expect(document.activeElement).toBe(text);
    expect(text.selectionStart).toBe(23);
    await user.type(text, ' {{{{brand.name}}', { initialSelectionStart: 23, initialSelectionEnd: 23 });
    expect(within(form).getByTestId('canned-preview').textContent).toBe('Hallo Jordan Lee Skyward Air, bitte DM.');
    expect(within(form).getByTestId('canned-preview-count').textContent).toBe('39 / 280 characters as X counts them.');

    await user.click(within(form).getByRole('button', { name: 'Add the canned reply' }));
    expect((await screen.findByRole('status')).textContent).toBe('The canned reply “Booking reference” was added.');
    expect(callsTo('cannedReplies.create')[0]?.input).toEqual({
      organizationId: ids.org,
      brandId: ids.brandSkyward,
      name: 'Booking reference',
      shortcut: 'booking',
      text: 'Hallo {{customer.name}} {{brand.name}}, bitte DM.',
      language: 'de',
    });
    const table = screen.getByTestId('canned-replies-table');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    expect(within(within(table).getByRole('row', { name: /Booking reference/ })).getByText('German')).toBeTruthy();
    // The form is empty again for the next one.
    expect(within(await addForm()).getByLabelText<HTMLInputElement>('Name').value).toBe('');
  });

  it('refuses an unknown variable as it is typed, and shows the server’s refusal at the text', async () => {
    renderPage({
      'cannedReplies.create': () =>
        Promise.reject(trpcError('VALIDATION', { fieldErrors: { text: ['uses an unknown variable'] } })),
    });
    const user = userEvent.setup();
    const form = await addForm();
    await user.type(within(form).getByLabelText('Name'), 'Ticket');
    const text = within(form).getByLabelText('Text');
    await user.type(text, 'Your ticket is {{{{ticket.id}}');
    expect(
      within(form).getByText(
        'Unknown variable: {{ticket.id}}. Use only {{customer.name}}, {{customer.handle}}, {{agent.first_name}}, {{brand.name}}.',
      ),
    ).toBeTruthy();
    expect(text.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('{{ticket.id}}', { selector: 'mark' })).toBeTruthy();
    await user.click(within(form).getByRole('button', { name: 'Add the canned reply' }));
    expect(callsTo('cannedReplies.create')).toHaveLength(0);

    // The server refuses what this page let through (it is the one that decides).
    await user.clear(text);
    await user.type(text, 'Hello {{{{customer.name}}');
    await user.click(within(form).getByRole('button', { name: 'Add the canned reply' }));
    expect(
      await within(form).findByText(
        'The text was refused: use only the variables {{customer.name}}, {{customer.handle}}, {{agent.first_name}}, {{brand.name}}, in at most 2000 characters.',
      ),
    ).toBeTruthy();
    expect(callsTo('cannedReplies.create')).toHaveLength(1);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('shows a duplicate shortcut from the server at the shortcut field', async () => {
    renderPage({
      'cannedReplies.create': () => Promise.reject(trpcError('CONFLICT', { details: { field: 'shortcut' } })),
    });
    const user = userEvent.setup();
    const form = await addForm();
    await user.type(within(form).getByLabelText('Name'), 'Another delay');
    await user.type(within(form).getByLabelText('Shortcut'), 'delay');
    await user.type(within(form).getByLabelText('Text'), 'Sorry!');
    await user.click(within(form).getByRole('button', { name: 'Add the canned reply' }));
    expect(await within(form).findByText('This brand already has a canned reply with this shortcut.')).toBeTruthy();
    expect(within(form).getByLabelText('Shortcut').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByLabelText('Name').getAttribute('aria-invalid')).toBeNull();
  });

  it('edits one, keeping its language', async () => {
    renderPage({
      'cannedReplies.update': (input) => ({ ...retard, ...input, id: input.cannedReplyId }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit the canned reply “Retard — excuses”' }));
    const form = screen.getByRole('form', { name: 'Edit the canned reply “Retard — excuses”' });
    expect(within(form).getByLabelText<HTMLSelectElement>('Language').value).toBe('fr');
    const name = within(form).getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Retard — nos excuses');
    const shortcut = within(form).getByLabelText('Shortcut');
    await user.clear(shortcut);
    await user.click(within(form).getByRole('button', { name: 'Save the canned reply' }));
    expect((await screen.findByRole('status')).textContent).toBe('The canned reply “Retard — nos excuses” was saved.');
    expect(callsTo('cannedReplies.update')[0]?.input).toEqual({
      organizationId: ids.org,
      cannedReplyId: cannedIds.retard,
      name: 'Retard — nos excuses',
      shortcut: null,
      text: retard.text,
      language: 'fr',
    });
    expect(screen.queryByRole('form', { name: /Edit the canned reply/ })).toBeNull();
  });

  it('deletes one after a confirmation', async () => {
    renderPage({ 'cannedReplies.delete': (input) => ({ id: input.cannedReplyId }) });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete the canned reply “Delay apology”' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete the canned reply “Delay apology”?' });
    expect(within(dialog).getByText(/Agents will no longer find it with \//)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Delete the canned reply' }));
    expect((await screen.findByRole('status')).textContent).toBe('The canned reply “Delay apology” was deleted.');
    expect(callsTo('cannedReplies.delete')[0]?.input).toEqual({
      organizationId: ids.org,
      cannedReplyId: cannedIds.delay,
    });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('cancelling the confirmation deletes nothing', async () => {
    renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete the canned reply “Delay apology”' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(callsTo('cannedReplies.delete')).toHaveLength(0);
  });
});
