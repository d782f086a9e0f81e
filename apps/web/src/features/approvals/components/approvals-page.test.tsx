import type { AgentItem, ApprovalItem } from '@perch/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPage as renderWithApp, settlePages } from '@/testing/render-page.tsx';
import { brandsFixture, ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import { callsTo, trpcError, type Resolvers } from '@/testing/trpc-mock.ts';
import { ApprovalsPage } from './approvals-page.tsx';

const replyIds = {
  older: '0190a7e2-0000-7000-8000-0000000f0001',
  newer: '0190a7e2-0000-7000-8000-0000000f0002',
};
const conversationId = '0190a7e2-0000-7000-8000-0000000f0101';
const adamId = '0190a7e2-0000-7000-8000-00000000b002';

/** Listed newest first by the fake server: the page shows the one waiting longest first. */
const publicReply: ApprovalItem = {
  replyId: replyIds.older,
  conversationId,
  brandId: ids.brandSkyward,
  authorUserId: adamId,
  authorName: 'Adam Agent',
  text: '@maria_flies So sorry about your bag. <b>We</b> are on it.',
  isDirectMessage: false,
  channelKind: 'x',
  customer: { displayName: 'Maria Flies', username: 'maria_flies' },
  inReplyToText: '@SkywardAir my bag never arrived in Lisbon',
  at: '2026-03-01T09:00:00.000Z',
};
const directMessage: ApprovalItem = {
  replyId: replyIds.newer,
  conversationId: '0190a7e2-0000-7000-8000-0000000f0102',
  brandId: ids.brandCargo,
  authorUserId: adamId,
  authorName: 'Adam Agent',
  text: 'Your pallet leaves Lyon tonight.',
  isDirectMessage: true,
  channelKind: 'x',
  customer: { displayName: 'Hugo Freight', username: null },
  inReplyToText: 'Where is my pallet?',
  at: '2026-03-01T10:30:00.000Z',
};

const agent = (overrides: Partial<AgentItem>): AgentItem => ({
  membershipId: '0190a7e2-0000-7000-8000-00000000c002',
  userId: adamId,
  name: 'Adam Agent',
  email: 'adam@skyward.test',
  role: 'agent',
  availability: 'online',
  capacity: null,
  needsApproval: false,
  openCount: 0,
  brandIds: [],
  teams: [],
  ...overrides,
});
const agentsFixture: AgentItem[] = [
  agent({}),
  agent({
    membershipId: '0190a7e2-0000-7000-8000-00000000c003',
    userId: '0190a7e2-0000-7000-8000-00000000b003',
    name: 'Mona Manager',
    email: 'mona@skyward.test',
    role: 'manager',
  }),
];

/** A small server: decided replies stop waiting, so the list refetched after a decision no longer has them. */
type Conflict = 'approved' | 'canceled' | null;

function resolvers(overrides: Resolvers = {}, { conflict = null as Conflict } = {}): Resolvers {
  let waiting = [directMessage, publicReply];
  const decide = (replyId: string) => {
    waiting = waiting.filter((a) => a.replyId !== replyId);
  };
  return {
    'auth.me': () => meFixture('manager'),
    'brands.list': () => brandsFixture,
    'agents.list': () => agentsFixture,
    'replies.approvals': (input) => waiting.filter((a) => !input.brandId || a.brandId === input.brandId),
    'replies.approve': (input) => {
      decide(input.replyId);
      // Another manager approved it a moment before (or the agent canceled it): it no longer waits either way.
      if (conflict)
        throw trpcError('CONFLICT', { details: { state: conflict === 'approved' ? 'queued' : 'canceled' } });
      return { id: input.replyId, state: 'queued' as const };
    },
    'replies.reject': (input) => {
      decide(input.replyId);
      return { id: input.replyId, state: 'rejected' as const };
    },
    ...overrides,
  };
}

const renderPage = (overrides: Resolvers = {}, search = '', options: { conflict?: Conflict } = {}) =>
  renderWithApp(<ApprovalsPage organization={organizationFixture('manager')} />, {
    resolvers: resolvers(overrides, options),
    route: `/o/${ids.org}/approvals${search}`,
  });

const listItems = async () => within(await screen.findByTestId('approvals-list')).getAllByRole('listitem');

afterEach(settlePages);

describe('approvals page', { timeout: 15_000 }, () => {
  it('lists the waiting replies oldest first: customer, their message, the reply as text, DM or public, a link', async () => {
    renderPage();
    const [first, second] = await listItems();
    expect(first!.getAttribute('aria-label')).toBe('Reply by Adam Agent to Maria Flies');
    expect(within(first!).getByText('Maria Flies (@maria_flies)')).toBeTruthy();
    expect(within(first!).getByText('@SkywardAir my bag never arrived in Lisbon')).toBeTruthy();
    // Untrusted text is shown as text, never as markup.
    expect(within(first!).getByTestId('approval-text').textContent).toBe(publicReply.text);
    expect(first!.querySelector('b')).toBeNull();
    expect(within(first!).getByText('Public reply')).toBeTruthy();
    expect(within(first!).getByText('Skyward Air')).toBeTruthy();
    expect(within(first!).getByText(/^Waiting since /)).toBeTruthy();
    expect(within(first!).getByRole('link', { name: 'Open the conversation' }).getAttribute('href')).toBe(
      `/o/${ids.org}/inbox/all_open/c/${conversationId}`,
    );
    expect(second!.getAttribute('aria-label')).toBe('Reply by Adam Agent to Hugo Freight');
    expect(within(second!).getByText('Direct message')).toBeTruthy();
    expect(callsTo('replies.approvals')[0]?.input).toEqual({ organizationId: ids.org });
  });

  it('shows the brand chosen in the brand switcher only', async () => {
    renderPage({}, `?brand=${ids.brandCargo}`);
    const items = await listItems();
    expect(items).toHaveLength(1);
    expect(items[0]!.getAttribute('aria-label')).toBe('Reply by Adam Agent to Hugo Freight');
    expect(screen.getByText('Showing the replies for Skyward Cargo.')).toBeTruthy();
    expect(callsTo('replies.approvals')[0]?.input).toEqual({ organizationId: ids.org, brandId: ids.brandCargo });
  });

  it('approves a reply as written; it leaves the list', async () => {
    renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Approve the reply by Adam Agent to Maria Flies' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'The reply to Maria Flies is approved and on its way.',
    );
    expect(callsTo('replies.approve')[0]?.input).toEqual({ organizationId: ids.org, replyId: replyIds.older });
    await waitFor(async () => expect(await listItems()).toHaveLength(1));
    expect(screen.queryByRole('listitem', { name: 'Reply by Adam Agent to Maria Flies' })).toBeNull();
  });

  it('edits then approves: the exact weighted count, and no approval over 280', async () => {
    renderPage();
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: 'Edit and approve the reply by Adam Agent to Maria Flies' }),
    );
    const editor = screen.getByRole('form', { name: 'Edit the reply, then approve it' });
    const text = within(editor).getByLabelText('Reply text');
    const count = within(editor).getByTestId('approval-count');
    const approve = within(editor).getByRole('button', { name: 'Approve this version' });

    // Leading @mention not counted (reply metadata), the URL counts 23, the emoji 2: 16 + 23 + 1 + 2.
    await user.clear(text);
    await user.click(text);
    await user.paste('@maria_flies Sorry! Details: https://skyward.com/help/lost-bags 😀');
    await waitFor(() => expect(count.textContent).toBe('42 of 280 characters, as X counts them'));

    await user.clear(text);
    await user.click(text);
    await user.paste(`@maria_flies ${'x'.repeat(285)}`);
    await waitFor(() => expect(count.textContent).toBe('285 of 280 characters, as X counts them'));
    expect(within(editor).getByRole('alert').textContent).toBe(
      '5 characters over the limit of 280: shorten it before approving.',
    );
    expect((approve as HTMLButtonElement).disabled).toBe(true);
    await user.type(text, '{Enter}');
    expect(callsTo('replies.approve')).toHaveLength(0);

    // A variable left in would be posted as written.
    await user.clear(text);
    await user.click(text);
    await user.paste('Hello {{customer.name}}, found it.');
    await user.click(approve);
    expect(
      within(editor).getByText('Fill in or remove {{customer.name}} before approving: it would be posted as written.'),
    ).toBeTruthy();
    expect(callsTo('replies.approve')).toHaveLength(0);

    await user.clear(text);
    await user.click(text);
    await user.paste('@maria_flies Found it: your bag arrives tomorrow morning.');
    expect((approve as HTMLButtonElement).disabled).toBe(false);
    await user.click(approve);
    expect((await screen.findByRole('status')).textContent).toBe(
      'The reply to Maria Flies is approved and on its way.',
    );
    expect(callsTo('replies.approve')[0]?.input).toEqual({
      organizationId: ids.org,
      replyId: replyIds.older,
      text: '@maria_flies Found it: your bag arrives tomorrow morning.',
    });
  });

  it('counts a direct message in plain characters up to 10,000', async () => {
    renderPage();
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: 'Edit and approve the reply by Adam Agent to Hugo Freight' }),
    );
    const editor = screen.getByRole('form', { name: 'Edit the reply, then approve it' });
    expect(within(editor).getByTestId('approval-count').textContent).toBe('32 of 10,000 characters');
  });

  it('does not approve a public reply made only of the leading @mentions', async () => {
    renderPage();
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: 'Edit and approve the reply by Adam Agent to Maria Flies' }),
    );
    const editor = screen.getByRole('form', { name: 'Edit the reply, then approve it' });
    const text = within(editor).getByLabelText('Reply text');
    await user.clear(text);
    await user.type(text, '@maria_flies ');
    await waitFor(() =>
      expect(within(editor).getByTestId('approval-count').textContent).toBe('0 of 280 characters, as X counts them'),
    );
    await user.click(within(editor).getByRole('button', { name: 'Approve this version' }));
    expect(within(editor).getByText('Write the reply.')).toBeTruthy();
    expect(callsTo('replies.approve')).toHaveLength(0);
  });

  it('counts a reply through a generic webhook channel in characters, when the list names the channel kind', async () => {
    const viaWebhook = Object.assign({}, publicReply, { channelKind: 'webhook', text: 'x'.repeat(300) });
    renderPage({ 'replies.approvals': () => [viaWebhook] });
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: 'Edit and approve the reply by Adam Agent to Maria Flies' }),
    );
    const editor = screen.getByRole('form', { name: 'Edit the reply, then approve it' });
    expect(within(editor).getByTestId('approval-count').textContent).toBe('300 of 5,000 characters');
    expect(within(editor).getByRole<HTMLButtonElement>('button', { name: 'Approve this version' }).disabled).toBe(
      false,
    );
  });

  it('rejects only with a comment, which is sent', async () => {
    renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Reject the reply by Adam Agent to Maria Flies' }));
    const form = screen.getByRole('form', { name: 'Reject the reply' });
    await user.click(within(form).getByRole('button', { name: 'Reject the reply' }));
    expect(within(form).getByText('Write a comment for the agent.')).toBeTruthy();
    expect(callsTo('replies.reject')).toHaveLength(0);

    await user.type(within(form).getByLabelText('Comment for the agent'), '  Offer the voucher, not a refund. ');
    await user.click(within(form).getByRole('button', { name: 'Reject the reply' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'The reply to Maria Flies was rejected; Adam Agent is notified.',
    );
    expect(callsTo('replies.reject')[0]?.input).toEqual({
      organizationId: ids.org,
      replyId: replyIds.older,
      comment: 'Offer the voucher, not a refund.',
    });
    await waitFor(async () => expect(await listItems()).toHaveLength(1));
  });

  it('says so when another manager decided first or the agent canceled (CONFLICT), and drops the reply', async () => {
    renderPage({}, '', { conflict: 'approved' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Approve the reply by Adam Agent to Hugo Freight' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The reply by Adam Agent to Hugo Freight was already reviewed by someone else, or canceled by its author. The list is up to date again.',
    );
    expect(screen.queryByRole('listitem', { name: 'Reply by Adam Agent to Hugo Freight' })).toBeNull();
    await waitFor(() => expect(callsTo('replies.approvals')).toHaveLength(2));
    expect(await listItems()).toHaveLength(1);
  });

  it('says when the agent withdrew the reply before the decision', async () => {
    renderPage({}, '', { conflict: 'canceled' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Approve the reply by Adam Agent to Maria Flies' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Adam Agent withdrew the reply to Maria Flies: there is nothing to decide. The list is up to date again.',
    );
    expect(screen.queryByRole('listitem', { name: 'Reply by Adam Agent to Maria Flies' })).toBeNull();
  });

  it('keeps the reply and shows other errors on it', async () => {
    renderPage({ 'replies.approve': () => Promise.reject(trpcError('INTERNAL')) });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Approve the reply by Adam Agent to Maria Flies' }));
    const item = screen.getByRole('listitem', { name: 'Reply by Adam Agent to Maria Flies' });
    expect(await within(item).findByRole('alert')).toBeTruthy();
    expect(await listItems()).toHaveLength(2);
  });

  it('works from the keyboard: j/k move, a approves, x opens the rejection', async () => {
    renderPage();
    const user = userEvent.setup();
    const [first] = await listItems();
    expect(first!.getAttribute('aria-current')).toBe('true');
    await user.keyboard('j');
    const second = screen.getByRole('listitem', { name: 'Reply by Adam Agent to Hugo Freight' });
    await waitFor(() => expect(second.getAttribute('aria-current')).toBe('true'));
    await user.keyboard('k');
    await waitFor(() => expect(first!.getAttribute('aria-current')).toBe('true'));
    await user.keyboard('x');
    expect(within(first!).getByRole('form', { name: 'Reject the reply' })).toBeTruthy();
    // Typing the comment does not trigger shortcuts.
    await user.keyboard('ja');
    expect(callsTo('replies.approve')).toHaveLength(0);
    await user.click(within(first!).getByRole('button', { name: 'Cancel' }));
    await user.keyboard('ja');
    await waitFor(() =>
      expect(callsTo('replies.approve')[0]?.input).toEqual({ organizationId: ids.org, replyId: replyIds.newer }),
    );
  });

  it('says when nothing waits', async () => {
    renderPage({ 'replies.approvals': () => [] });
    expect(await screen.findByText('No reply is waiting for approval.')).toBeTruthy();
  });
});

describe('who needs approval', { timeout: 15_000 }, () => {
  it('makes every reply of a brand need approval', async () => {
    renderPage({
      'replies.setBrandApproval': (input) => ({ brandId: input.brandId, requiresApproval: input.requiresApproval }),
    });
    const user = userEvent.setup();
    const toggle = await screen.findByRole('switch', { name: 'Every reply for Skyward Air needs approval' });
    expect((toggle as HTMLInputElement).checked).toBe(false);
    await user.click(toggle);
    expect((await screen.findByRole('status')).textContent).toBe('Every reply for Skyward Air now needs approval.');
    expect(callsTo('replies.setBrandApproval')[0]?.input).toEqual({
      organizationId: ids.org,
      brandId: ids.brandSkyward,
      requiresApproval: true,
    });
  });

  it('makes an agent need approval; managers never do', async () => {
    renderPage({
      'agents.list': () => [agent({ needsApproval: true }), agentsFixture[1]!],
      'replies.setMemberApproval': (input) => ({ userId: input.userId, needsApproval: input.needsApproval }),
    });
    const user = userEvent.setup();
    const toggle = await screen.findByRole('switch', { name: 'Adam Agent needs approval' });
    expect((toggle as HTMLInputElement).checked).toBe(true);
    const table = screen.getByTestId('approval-agents');
    const mona = within(table).getByRole('row', { name: /Mona Manager/ });
    expect(within(mona).queryByRole('switch')).toBeNull();
    expect(within(mona).getByText('Never')).toBeTruthy();
    expect(screen.getByText(/never need approval/)).toBeTruthy();

    await user.click(toggle);
    expect((await screen.findByRole('status')).textContent).toBe(
      'The replies of Adam Agent no longer need approval (unless their brand does).',
    );
    expect(callsTo('replies.setMemberApproval')[0]?.input).toEqual({
      organizationId: ids.org,
      userId: adamId,
      needsApproval: false,
    });
  });
});
