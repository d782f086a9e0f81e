import type { Role } from '@perch/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { paneIds, XSS } from '@/features/conversation/testing/pane-fixtures.ts';
import { paneResolvers, paneRoute } from '@/features/conversation/testing/pane-resolvers.ts';
import { renderPane } from '@/features/conversation/testing/render-pane.tsx';
import { ids } from '@/testing/fixtures.ts';
import { callsTo, trpcError, type Resolvers } from '@/testing/trpc-mock.ts';
import { conversationFixture, replyItem, type ReplyThreadItem } from '../testing/reply-fixtures.ts';

const id = (n: number) => `0190a7e2-0000-7000-8000-0000000e0${String(n).padStart(3, '0')}`;
const manager = { byUserId: paneIds.marc, byName: 'Marc Dubois', at: '2026-03-01T09:30:00.000Z' };

/** One reply per delivery state (ids id(1)…id(9)); Léa wrote them unless said otherwise. */
const replies: ReplyThreadItem[] = [
  replyItem({ id: id(1), text: 'Queued one', state: 'queued' }),
  replyItem({ id: id(2), text: 'Sending one', state: 'sending', attempts: 1 }),
  replyItem({
    id: id(3),
    text: 'Sent one',
    state: 'sent',
    sentAt: '2026-03-01T09:21:00.000Z',
    networkId: '1893',
    isDirectMessage: true,
  }),
  replyItem({
    id: id(4),
    text: 'Failing one',
    state: 'failed',
    attempts: 3,
    lastError: '503 Service Unavailable',
    nextAttemptAt: '2026-03-01T13:05:00.000Z',
  }),
  replyItem({ id: id(5), text: `Dead one ${XSS}`, state: 'dead', attempts: 1, lastError: `403 duplicate ${XSS}` }),
  replyItem({ id: id(6), text: 'Mine, waiting', state: 'awaiting_approval', authorUserId: ids.user }),
  replyItem({ id: id(7), text: 'Canceled one', state: 'canceled' }),
  replyItem({
    id: id(8),
    text: 'Free upgrade for you!',
    state: 'rejected',
    review: { ...manager, comment: `We cannot promise upgrades ${XSS}`, originalText: null },
  }),
  replyItem({
    id: id(9),
    text: 'We are sorry: a voucher is on its way.',
    state: 'sent',
    sentAt: '2026-03-01T09:40:00.000Z',
    review: { ...manager, comment: null, originalText: 'Sorry!! voucher coming' },
  }),
];

function resolvers(role: Role = 'agent', overrides: Resolvers = {}): Resolvers {
  return paneResolvers(
    {
      'conversations.get': () => conversationFixture({}, replies),
      'replies.retry': (input) => ({ id: input.replyId, state: 'queued' as const }),
      'replies.cancel': (input) => ({ id: input.replyId, state: 'canceled' as const }),
      ...overrides,
    },
    role,
  );
}

async function replyNamed(text: string) {
  const thread = await screen.findByRole('list', { name: 'Messages and notes' });
  const item = within(thread).getByText(text).closest('li');
  if (!item) throw new Error(`no reply ${text}`);
  return item;
}

describe('delivery states in the thread', { timeout: 15_000 }, () => {
  it('shows each state with its time, attempt and reason, the review, and DMs marked — all as text', async () => {
    const { container } = renderPane(paneRoute, resolvers());
    // Times in the brand's zone (Europe/Paris).
    expect(within(await replyNamed('Sent one')).getByText('Sent · Mar 1, 10:21 AM')).toBeTruthy();
    expect(within(await replyNamed('Sent one')).getByText('Direct message')).toBeTruthy();
    expect(within(await replyNamed('Queued one')).getByText('Queued')).toBeTruthy();
    expect(within(await replyNamed('Sending one')).getByText('Sending')).toBeTruthy();
    const failing = await replyNamed('Failing one');
    expect(within(failing).getByText('Failed · attempt 3 · retrying at Mar 1, 2:05 PM')).toBeTruthy();
    expect(within(failing).getByText('Reason: 503 Service Unavailable')).toBeTruthy();
    const dead = await replyNamed(`Dead one ${XSS}`);
    expect(within(dead).getByText('Not delivered')).toBeTruthy();
    expect(within(dead).getByText(`Reason: 403 duplicate ${XSS}`)).toBeTruthy();
    expect(within(await replyNamed('Mine, waiting')).getByText('Awaiting approval')).toBeTruthy();
    expect(within(await replyNamed('Canceled one')).getByText('Canceled')).toBeTruthy();
    const rejected = await replyNamed('Free upgrade for you!');
    expect(within(rejected).getByText('Rejected')).toBeTruthy();
    expect(rejected.textContent).toContain(`Rejected by Marc Dubois: We cannot promise upgrades ${XSS}`);
    const edited = await replyNamed('We are sorry: a voucher is on its way.');
    expect(within(edited).getByText('Edited by Marc Dubois before approval')).toBeTruthy();
    expect(edited.textContent).toContain('Sorry!! voucher coming');
    expect(container.querySelector('img, script')).toBeNull();
  });

  it('retries a dead reply; an agent cancels only their own, and the thread is refetched', async () => {
    const user = userEvent.setup();
    renderPane(paneRoute, resolvers('agent'));
    const dead = await replyNamed(`Dead one ${XSS}`);
    const gets = callsTo('conversations.get').length;
    await user.click(within(dead).getByRole('button', { name: 'Retry' }));
    await waitFor(() =>
      expect(callsTo('replies.retry')[0]?.input).toEqual({ organizationId: ids.org, replyId: id(5) }),
    );
    await waitFor(() => expect(callsTo('conversations.get').length).toBeGreaterThan(gets));

    // Léa's queued reply: not the agent's to cancel; their own awaiting one is.
    expect(within(await replyNamed('Queued one')).queryByRole('button', { name: 'Cancel' })).toBeNull();
    const mine = await replyNamed('Mine, waiting');
    await user.click(await within(mine).findByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(callsTo('replies.cancel')[0]?.input).toEqual({ organizationId: ids.org, replyId: id(6) }),
    );
  });

  it('lets a manager cancel any reply not yet sending (queued, failed, awaiting approval), and shows a refusal', async () => {
    const user = userEvent.setup();
    renderPane(
      paneRoute,
      resolvers('manager', {
        'replies.cancel': () => {
          throw trpcError('CONFLICT');
        },
      }),
    );
    const cancelable = ['Queued one', 'Failing one', 'Mine, waiting'];
    for (const text of cancelable) {
      expect(await within(await replyNamed(text)).findByRole('button', { name: 'Cancel' })).toBeTruthy();
    }
    for (const text of ['Sending one', 'Sent one', 'Canceled one', 'Free upgrade for you!']) {
      expect(within(await replyNamed(text)).queryByRole('button', { name: 'Cancel' })).toBeNull();
    }
    const queued = await replyNamed('Queued one');
    await user.click(within(queued).getByRole('button', { name: 'Cancel' }));
    expect(await within(queued).findByRole('alert')).toBeTruthy();
    expect(callsTo('replies.cancel')[0]?.input).toEqual({ organizationId: ids.org, replyId: id(1) });
  });
});
