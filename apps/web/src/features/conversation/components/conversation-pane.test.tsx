import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ids } from '@/testing/fixtures.ts';
import { callsTo, trpcError } from '@/testing/trpc-mock.ts';
import { detailFixture, paneIds, XSS } from '../testing/pane-fixtures.ts';
import { paneResolvers, paneRoute } from '../testing/pane-resolvers.ts';
import { renderPane } from '../testing/render-pane.tsx';

const route = paneRoute;
const resolvers = paneResolvers;

const actionResult = (patch: object = {}) => ({
  id: paneIds.conversation,
  version: 8,
  status: 'open' as const,
  priority: 'normal' as const,
  assigneeUserId: null,
  teamId: null,
  tagIds: [paneIds.tagRefund],
  snoozedUntil: null,
  resolvedAt: null,
  ...patch,
});

/** No element was created from a payload: the text is there literally. */
function expectNoInjectedElements(container: HTMLElement) {
  expect(container.querySelector('img, script')).toBeNull();
  expect(container.innerHTML).not.toContain('<img');
  for (const link of container.querySelectorAll('a')) expect(link.getAttribute('href')).toMatch(/^(https?:\/\/|\/)/);
}

describe('conversation pane', { timeout: 15_000 }, () => {
  it('renders the header, the thread and the notes as text, with presence', async () => {
    const { container } = renderPane(route, resolvers());
    expect(await screen.findByRole('heading', { name: `Camille ${XSS}` })).toBeTruthy();
    expect(screen.getByText('VIP')).toBeTruthy();
    expect(screen.getByText('SLA —')).toBeTruthy();
    expect(await screen.findByText('Léa Martin is viewing · Marc Dubois is typing…')).toBeTruthy();

    const thread = screen.getByRole('list', { name: 'Messages and notes' });
    expect(thread.textContent).toContain(`second line ${XSS}`);
    // Line breaks are kept (pre-wrap) in the text itself.
    expect(thread.querySelector('.rich-text')?.textContent).toMatch(/^My bag is lost\nsecond line/);
    expect(within(thread).getByText('This post was deleted by its author.')).toBeTruthy();
    expect(within(thread).getByText('Failed · attempt 3 · retrying at Mar 1, 10:11 AM')).toBeTruthy();
    expect(within(thread).getByText('Reason: Rate limited')).toBeTruthy();
    // Only the http(s) URL is a link, and it leaves without the referrer; javascript: stays text.
    const links = within(thread).getAllByRole('link');
    expect(links).toHaveLength(1);
    expect(links[0]!.getAttribute('href')).toBe('https://status.skyward.test/bags');
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(links[0]!.getAttribute('target')).toBe('_blank');
    // The note: distinct, its @mention highlighted by name.
    const note = within(thread).getByRole('listitem', { name: 'Internal note by Léa Martin' });
    expect(within(note).getByText('@Marc Dubois').tagName).toBe('MARK');
    expectNoInjectedElements(container);
  });

  it('shows the customer panel as text: handles, profile links only for http(s), notes, previous conversations', async () => {
    const user = userEvent.setup();
    const { container } = renderPane(route, resolvers());
    await user.click(await screen.findByRole('tab', { name: 'Customer' }));
    expect(screen.getByText(`@camille${XSS}`).tagName).toBe('SPAN');
    expect(screen.getByText('12.3K followers')).toBeTruthy();
    const shop = screen.getByRole('link', { name: '@camille_shop' });
    expect(shop.getAttribute('href')).toBe('https://shop.test/u/camille');
    expect(shop.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(screen.getByText(`Prefers DMs ${XSS}`)).toBeTruthy();
    expectNoInjectedElements(container);
    expect(container.querySelector('a[href^="javascript"]')).toBeNull();

    // An earlier conversation opens in the same view, keeping the query string.
    await user.click(screen.getByRole('link', { name: 'Late flight' }));
    await waitFor(() =>
      expect(screen.getByTestId('location').textContent).toBe(
        `/o/${ids.org}/inbox/mine/c/${paneIds.previous}?brand=${ids.brandSkyward}&sort=newest`,
      ),
    );
  });

  it('adds a customer note', async () => {
    const user = userEvent.setup();
    renderPane(
      route,
      resolvers({ 'conversations.addCustomerNote': () => ({ id: 'cn2', at: '2026-03-01T10:00:00.000Z' }) }),
    );
    await user.click(await screen.findByRole('tab', { name: 'Customer' }));
    await user.type(screen.getByRole('textbox', { name: 'Add a customer note' }), 'Gold member');
    await user.click(screen.getByRole('button', { name: 'Add a customer note' }));
    await waitFor(() =>
      expect(callsTo('conversations.addCustomerNote')[0]?.input).toEqual({
        organizationId: ids.org,
        customerId: paneIds.customer,
        text: 'Gold member',
      }),
    );
  });

  it('describes the timeline in sentences', async () => {
    const user = userEvent.setup();
    renderPane(route, resolvers());
    await user.click(await screen.findByRole('tab', { name: 'Timeline' }));
    const timeline = screen.getByRole('list', { name: 'Timeline' });
    expect(within(timeline).getByText('Léa Martin assigned it to Marc Dubois')).toBeTruthy();
    expect(within(timeline).getByText('Léa Martin changed the status: Open → Pending')).toBeTruthy();
    expect(within(timeline).getByText('Rule “refund” raised the priority to Urgent')).toBeTruthy();
    expect(within(timeline).getByText('Conversation started')).toBeTruthy();
  });

  it('offers only the transitions the status machine allows', async () => {
    renderPane(route, resolvers());
    const group = await screen.findByRole('group', { name: 'Status' });
    expect(
      within(group)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Pending', 'Snooze', 'Resolve']);
  });

  it('offers only "Reopen" on a resolved conversation', async () => {
    renderPane(route, resolvers({ 'conversations.get': () => detailFixture({ status: 'resolved' }) }));
    const group = await screen.findByRole('group', { name: 'Status' });
    expect(
      within(group)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Reopen']);
  });

  it('sends the version it saw with an action chosen by keyboard (p, arrows, Enter)', async () => {
    const user = userEvent.setup();
    renderPane(
      route,
      resolvers({ 'conversations.setPriority': (input) => actionResult({ priority: input.priority }) }),
    );
    await screen.findByRole('group', { name: 'Status' });
    await user.keyboard('p');
    const picker = await screen.findByRole('dialog', { name: 'Priority' });
    expect(document.activeElement).toBe(within(picker).getByRole('combobox'));
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() =>
      expect(callsTo('conversations.setPriority')[0]?.input).toEqual({
        organizationId: ids.org,
        conversationId: paneIds.conversation,
        expectedVersion: 7,
        priority: 'high',
      }),
    );
    expect(screen.queryByRole('dialog', { name: 'Priority' })).toBeNull();
  });

  it('shows who did what when the action was stale, and refetches', async () => {
    const user = userEvent.setup();
    let version = 7;
    renderPane(
      route,
      resolvers({
        'conversations.get': () => detailFixture({ version, assigneeUserId: version > 7 ? paneIds.lea : null }),
        'conversations.claim': () => {
          version = 8;
          throw trpcError('CONFLICT', {
            details: {
              conflict: {
                actorName: 'Léa Martin',
                what: 'assigned it to herself',
                at: new Date(Date.now() - 12_000).toISOString(),
                currentVersion: 8,
              },
            },
          });
        },
      }),
    );
    await screen.findByRole('group', { name: 'Status' });
    const gets = callsTo('conversations.get').length;
    await user.keyboard('a');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'Léa Martin assigned it to herself 12 seconds ago — your change was not applied.',
    );
    expect(callsTo('conversations.claim')[0]?.input).toEqual({
      organizationId: ids.org,
      conversationId: paneIds.conversation,
      expectedVersion: 7,
    });
    await waitFor(() => expect(callsTo('conversations.get').length).toBeGreaterThan(gets));
    expect(await screen.findByRole('button', { name: 'Assignee: Léa Martin' })).toBeTruthy();
  });

  it('assigns from the picker to a colleague (type to filter; availability shown)', async () => {
    const user = userEvent.setup();
    renderPane(
      route,
      resolvers({ 'conversations.assign': (input) => actionResult({ assigneeUserId: input.assigneeUserId }) }),
    );
    await user.click(await screen.findByRole('button', { name: 'Assignee: Unassigned' }));
    const picker = screen.getByRole('dialog', { name: 'Assignee' });
    expect(
      within(picker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Me', 'Léa Martin · online', 'Marc Dubois · away']);
    await user.keyboard('marc{Enter}');
    await waitFor(() =>
      expect(callsTo('conversations.assign')[0]?.input).toMatchObject({
        assigneeUserId: paneIds.marc,
        expectedVersion: 7,
      }),
    );
  });

  it('snoozes with a preset', async () => {
    const user = userEvent.setup();
    renderPane(route, resolvers({ 'conversations.changeStatus': () => actionResult({ status: 'snoozed' }) }));
    await screen.findByRole('group', { name: 'Status' });
    await user.keyboard('s');
    const picker = await screen.findByRole('dialog', { name: 'Snooze until' });
    await user.click(within(picker).getByRole('option', { name: /In 1 hour/ }));
    await waitFor(() => expect(callsTo('conversations.changeStatus')).toHaveLength(1));
    const input = callsTo('conversations.changeStatus')[0]!.input as {
      status: string;
      snoozedUntil: string;
      expectedVersion: number;
    };
    expect(input.status).toBe('snoozed');
    expect(input.expectedVersion).toBe(7);
    expect(Math.abs(new Date(input.snoozedUntil).getTime() - Date.now() - 3_600_000)).toBeLessThan(60_000);
  });

  it('toggles a brand tag from the tag picker (t)', async () => {
    const user = userEvent.setup();
    renderPane(
      route,
      resolvers({ 'conversations.changeTags': () => actionResult({ tagIds: [paneIds.tagRefund, paneIds.tagDelay] }) }),
    );
    await screen.findByRole('group', { name: 'Status' });
    await user.keyboard('t');
    const picker = await screen.findByRole('dialog', { name: 'Tags' });
    expect(
      within(picker)
        .getByRole('option', { name: /refund/ })
        .getAttribute('aria-selected'),
    ).toBe('true');
    await user.keyboard('del{Enter}');
    await waitFor(() =>
      expect(callsTo('conversations.changeTags')[0]?.input).toMatchObject({
        add: [paneIds.tagDelay],
        remove: [],
        expectedVersion: 7,
      }),
    );
  });

  it('`e` resolves and goes to the next conversation', async () => {
    const user = userEvent.setup();
    const { onNext } = renderPane(
      route,
      resolvers({ 'conversations.changeStatus': () => actionResult({ status: 'resolved' }) }),
    );
    await screen.findByRole('group', { name: 'Status' });
    await user.keyboard('e');
    await waitFor(() => expect(onNext).toHaveBeenCalledTimes(1));
    expect(callsTo('conversations.changeStatus')[0]?.input).toEqual({
      organizationId: ids.org,
      conversationId: paneIds.conversation,
      expectedVersion: 7,
      status: 'resolved',
    });
  });

  it('Escape closes an open picker first (focus back on its trigger), then the pane', async () => {
    const user = userEvent.setup();
    const { onClose } = renderPane(route, resolvers());
    await screen.findByRole('group', { name: 'Status' });
    await user.keyboard('p');
    await screen.findByRole('dialog', { name: 'Priority' });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Priority' })).toBeNull();
    await waitFor(() => expect(document.activeElement?.getAttribute('data-picker-trigger')).toBe('priority'));
    expect(onClose).not.toHaveBeenCalled();
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('@mention autocomplete inserts the name and sends the user id with the note', async () => {
    const user = userEvent.setup();
    renderPane(route, resolvers({ 'conversations.addNote': () => ({ id: 'n2', at: '2026-03-01T10:00:00.000Z' }) }));
    await screen.findByRole('group', { name: 'Status' });
    await user.keyboard('n');
    const composer = screen.getByRole('combobox', { name: 'Internal note' });
    await waitFor(() => expect(document.activeElement).toBe(composer));
    await user.keyboard('Please @lé');
    const suggestions = screen.getByRole('listbox', { name: 'Colleagues to mention' });
    expect(
      within(suggestions)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Léa Martin · online']);
    await user.keyboard('{Enter}look');
    expect((composer as HTMLTextAreaElement).value).toBe('Please @Léa Martin look');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    await waitFor(() =>
      expect(callsTo('conversations.addNote')[0]?.input).toEqual({
        organizationId: ids.org,
        conversationId: paneIds.conversation,
        text: 'Please @Léa Martin look',
        mentionedUserIds: [paneIds.lea],
      }),
    );
  });

  it('heartbeats presence while open, typing while the composer changes', async () => {
    renderPane(route, resolvers());
    await screen.findByRole('group', { name: 'Status' });
    await waitFor(() => expect(callsTo('conversations.presence')[0]?.input).toMatchObject({ typing: false }));
    const composer = screen.getByRole('textbox', { name: 'Public reply' });
    fireEvent.focus(composer);
    fireEvent.change(composer, { target: { value: 'hi' } });
    await waitFor(() =>
      expect(callsTo('conversations.presence').some((c) => (c.input as { typing: boolean }).typing)).toBe(true),
    );
  });

  it('says so when the conversation cannot be seen', async () => {
    renderPane(
      route,
      resolvers({
        'conversations.get': () => {
          throw trpcError('NOT_FOUND');
        },
      }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This conversation does not exist or you cannot see it.',
    );
  });

  it('says when the conversation is older than the history the plan keeps; an owner gets the plans', async () => {
    const hidden = () => {
      throw trpcError('PAYMENT_REQUIRED', {
        details: { feature: 'history', brandId: ids.brandSkyward, planId: 'pro', retentionDays: 30 },
      });
    };
    renderPane(route, resolvers({ 'conversations.get': hidden }, 'owner'));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This conversation is older than your plan’s history (30 days). Upgrade to see it.',
    );
    expect((await screen.findByRole('link', { name: 'See plans' })).getAttribute('href')).toBe(`/o/${ids.org}/billing`);
  });

  it('an agent reads the same sentence, without the plans', async () => {
    renderPane(
      route,
      resolvers({
        'conversations.get': () => {
          throw trpcError('PAYMENT_REQUIRED', {
            details: { feature: 'history', brandId: ids.brandSkyward, planId: 'pro', retentionDays: 30 },
          });
        },
      }),
    );
    expect((await screen.findByRole('alert')).textContent).toContain('older than your plan’s history (30 days)');
    expect(screen.queryByRole('link', { name: 'See plans' })).toBeNull();
  });
});
