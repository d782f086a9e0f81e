import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { paneIds } from '@/features/conversation/testing/pane-fixtures.ts';
import { paneResolvers, paneRoute } from '@/features/conversation/testing/pane-resolvers.ts';
import { renderPane } from '@/features/conversation/testing/render-pane.tsx';
import { useShortcutList } from '@/lib/shortcuts.tsx';
import { ids } from '@/testing/fixtures.ts';
import { callsTo, trpcError, type Resolvers } from '@/testing/trpc-mock.ts';
import { checkReply } from '../reply-check.ts';
import { cannedFixture, conversationFixture, replyIds, replyResult } from '../testing/reply-fixtures.ts';
import { loadReplyTools } from '../use-reply-tools.ts';

const tools = await loadReplyTools();

interface SendInput {
  text: string;
  mode: string;
  idempotencyKey: string;
  lastSeenReplyId: string | null;
  then: string;
  expectedVersion?: number;
  cannedReplyId?: string;
}
const sends = () => callsTo('replies.send').map((c) => c.input as SendInput);

function resolvers(overrides: Resolvers = {}): Resolvers {
  return paneResolvers({
    'conversations.get': () => conversationFixture(),
    'cannedReplies.list': () => cannedFixture,
    'replies.send': () => replyResult(),
    ...overrides,
  });
}

/** The public reply field, once the counter has loaded. */
async function openReply() {
  const field = await screen.findByRole('textbox', { name: 'Public reply' });
  await screen.findByText('280 characters left');
  return field as HTMLTextAreaElement;
}

/** What the `?` dialog lists (the registered shortcuts). */
function ShortcutProbe() {
  const list = useShortcutList();
  return <output data-testid="shortcuts">{list.map((s) => `${s.keys}: ${s.description}`).join('\n')}</output>;
}

describe('reply composer', { timeout: 15_000 }, () => {
  it('counts an emoji and a link exactly as X does and warns what the link costs', async () => {
    const user = userEvent.setup();
    renderPane(paneRoute, resolvers());
    const field = await openReply();
    await user.click(field);
    await user.paste('@camille Sorry 😞 see https://skyward.com/bags/42');
    // "Sorry " 6 + 😞 2 + " see " 5 + the link 23 = 36; the leading @camille is reply metadata.
    expect(screen.getByText('244 characters left')).toBeTruthy();
    expect(screen.getByText('@camille not counted: X adds it to a reply by itself.')).toBeTruthy();
    expect(
      screen.getByText("A link makes this post cost about 13× as much on X's API ($0.20 instead of $0.015)."),
    ).toBeTruthy();
  });

  it('refuses a reply over 280, with the exact figure and by how much', async () => {
    const user = userEvent.setup();
    renderPane(paneRoute, resolvers());
    const field = await openReply();
    await user.click(field);
    await user.paste(`Désolé 😞 ${'x'.repeat(250)} https://skyward.com/status`);
    expect(screen.getByText('284 / 280')).toBeTruthy();
    expect(screen.getAllByText('Too long by 4: shorten it to send.').length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Send' }).hasAttribute('disabled')).toBe(true);
    await user.keyboard('{Control>}{Enter}{/Control}');
    await user.keyboard('{Backspace>30/}');
    expect(sends()).toHaveLength(0);
    expect(screen.queryByText('Too long by 4: shorten it to send.')).toBeNull();
  });

  it('opens the canned replies on `/`, the conversation’s language first, and inserts one filled in (French)', async () => {
    const user = userEvent.setup();
    renderPane(paneRoute, resolvers({ 'conversations.get': () => conversationFixture({ language: 'fr' }) }));
    const field = await openReply();
    await user.click(field);
    await user.keyboard('/');
    const menu = await screen.findByRole('dialog', { name: 'Canned replies' });
    const search = within(menu).getByRole('combobox', { name: 'Search canned replies' });
    await waitFor(() => expect(document.activeElement).toBe(search));
    await waitFor(() => expect(within(menu).getAllByRole('option')).toHaveLength(3));
    expect(within(menu).getAllByRole('option')[0]?.textContent).toContain('Vol retardé');
    expect(field.value).toBe('');

    await user.keyboard('retard{Enter}');
    const filled = 'Bonjour Camille Durand, ici Olivia de Skyward Air : désolés pour ce retard 😞';
    await waitFor(() => expect(field.value).toBe(filled));
    expect(screen.queryByRole('dialog', { name: 'Canned replies' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(field));
    // The count is the filled text's.
    const remaining = 280 - checkReply(tools, filled, 'public').count;
    expect(screen.getByText(`${remaining} characters left`)).toBeTruthy();

    // Still editable before sending; the canned reply is named in the send.
    await user.type(field, ' !');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(sends()).toHaveLength(1));
    expect(sends()[0]).toMatchObject({ text: `${filled} !`, cannedReplyId: replyIds.cannedFr, mode: 'public' });
  });

  it('refuses a text with a variable left in it, naming it', async () => {
    const user = userEvent.setup();
    // No handle known: {{customer.handle}} cannot be filled.
    const detail = conversationFixture({
      customer: { ...conversationFixture().conversation.customer, username: null },
    });
    renderPane(paneRoute, resolvers({ 'conversations.get': () => detail }));
    const field = await openReply();
    await user.click(screen.getByRole('button', { name: 'Canned replies' }));
    await user.keyboard('suivi{Enter}');
    await waitFor(() => expect(field.value).toBe('Nous suivons votre dossier, {{customer.handle}}.'));
    expect(screen.getByText('Replace {{customer.handle}} before sending: it would be posted as written.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Send' }).hasAttribute('disabled')).toBe(true);

    await user.clear(field);
    await user.paste('Your order {{order.id}}');
    expect(screen.getByText('Replace {{order.id}} before sending: it would be posted as written.')).toBeTruthy();
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(sends()).toHaveLength(0);
  });

  it('keeps the idempotency key for a retried send of the same text, and makes a new one after success', async () => {
    const user = userEvent.setup();
    let fail = true;
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    renderPane(
      paneRoute,
      resolvers({
        'replies.send': async () => {
          if (fail) {
            await gate;
            throw trpcError('INTERNAL');
          }
          return replyResult();
        },
      }),
    );
    const field = await openReply();
    await user.click(field);
    await user.paste('We found your bag.');
    // A double click while the first request is on its way is one send.
    await user.dblClick(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(sends()).toHaveLength(1));
    expect(screen.getByRole('button', { name: 'Send' }).hasAttribute('disabled')).toBe(true);
    release();
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(sends()).toHaveLength(1);
    expect(field.value).toBe('We found your bag.');

    fail = false;
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(field.value).toBe(''));
    // The disabled Send button does not keep the focus: the field has it again.
    await waitFor(() => expect(document.activeElement).toBe(field));
    const [first, retried] = sends();
    expect(first?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(retried?.idempotencyKey).toBe(first?.idempotencyKey);
    expect(await screen.findByText('Reply queued: its delivery shows in the thread.')).toBeTruthy();

    await user.paste('Anything else?');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(sends()).toHaveLength(3));
    expect(sends()[2]?.idempotencyKey).not.toBe(first?.idempotencyKey);
  });

  it('reuses the key when a send whose answer was lost is sent again from a reopened pane, then clears the draft', async () => {
    const user = userEvent.setup();
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const send: Resolvers = {
      'replies.send': async () => {
        const first = sends().length === 1;
        if (first) await gate;
        return replyResult({ replayed: !first });
      },
    };
    const closed = renderPane(paneRoute, resolvers(send));
    const field = await openReply();
    await user.click(field);
    await user.paste('Is it there yet?');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(sends()).toHaveLength(1));
    closed.unmount();

    renderPane(paneRoute, resolvers(send));
    const reopened = await screen.findByRole<HTMLTextAreaElement>('textbox', { name: 'Public reply' });
    expect(reopened.value).toBe('Is it there yet?');
    await screen.findByText(/characters left/);
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(sends()).toHaveLength(2));
    expect(sends()[1]?.idempotencyKey).toBe(sends()[0]?.idempotencyKey);
    release();
    await waitFor(() => expect(reopened.value).toBe(''));
    await waitFor(() => expect(localStorage.length).toBe(0));
  });

  it('clears a restored draft when the send made before the pane closed lands afterwards', async () => {
    const user = userEvent.setup();
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const send: Resolvers = {
      'replies.send': async () => {
        await gate;
        return replyResult();
      },
    };
    const closed = renderPane(paneRoute, resolvers(send));
    await user.click(await openReply());
    await user.paste('Boarding pass sent.');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(sends()).toHaveLength(1));
    closed.unmount();

    renderPane(paneRoute, resolvers(send));
    const reopened = await screen.findByRole<HTMLTextAreaElement>('textbox', { name: 'Public reply' });
    expect(reopened.value).toBe('Boarding pass sent.');
    release();
    await waitFor(() => expect(reopened.value).toBe(''));
    expect(localStorage.length).toBe(0);
    expect(sends()).toHaveLength(1);
  });

  it('sends and resolves with Ctrl+Shift+Enter (the version seen), and sets pending with Alt+Enter', async () => {
    const user = userEvent.setup();
    renderPane(
      paneRoute,
      resolvers({
        'replies.send': (input) =>
          replyResult({ conversation: { id: paneIds.conversation, version: 8, status: input.then ?? 'none' } }),
      }),
    );
    const field = await openReply();
    await user.click(field);
    await user.paste('Your bag is on its way.');
    await user.keyboard('{Control>}{Shift>}{Enter}{/Shift}{/Control}');
    await waitFor(() => expect(sends()).toHaveLength(1));
    expect(sends()[0]).toEqual({
      organizationId: ids.org,
      conversationId: paneIds.conversation,
      text: 'Your bag is on its way.',
      mode: 'public',
      idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      // The newest reply shown in the thread (the fixture's r1).
      lastSeenReplyId: 'r1',
      then: 'resolve',
      expectedVersion: 7,
    });
    expect(screen.getByRole('button', { name: 'Send and resolve' }).getAttribute('aria-keyshortcuts')).toBe(
      'Control+Shift+Enter Meta+Shift+Enter',
    );

    await waitFor(() => expect(field.value).toBe(''));
    await user.paste('Anything else?');
    await user.keyboard('{Alt>}{Enter}{/Alt}');
    await waitFor(() => expect(sends()).toHaveLength(2));
    expect(sends()[1]).toMatchObject({ then: 'pending', expectedVersion: 7 });
    expect(sends()[1]?.cannedReplyId).toBeUndefined();
  });

  it('says who replied meanwhile on a conflict and keeps the draft; shows a refusal beside the composer', async () => {
    const user = userEvent.setup();
    let answer: 'conflict' | 'refused' = 'conflict';
    renderPane(
      paneRoute,
      resolvers({
        'replies.send': () => {
          if (answer === 'refused') {
            throw trpcError('VALIDATION', { fieldErrors: { text: ['is 284 weighted characters (X allows 280)'] } });
          }
          throw trpcError('CONFLICT', {
            details: {
              conflict: {
                actorName: 'Léa Martin',
                what: 'replied',
                change: { kind: 'replied' },
                at: new Date(Date.now() - 5_000).toISOString(),
                currentVersion: 8,
              },
            },
          });
        },
      }),
    );
    const field = await openReply();
    await user.click(field);
    await user.paste('On it!');
    const gets = callsTo('conversations.get').length;
    await user.click(screen.getByRole('button', { name: 'Send' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Léa Martin replied 5 seconds ago — your change was not applied.');
    expect(field.value).toBe('On it!');
    await waitFor(() => expect(callsTo('conversations.get').length).toBeGreaterThan(gets));

    answer = 'refused';
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'The reply was refused: is 284 weighted characters (X allows 280)',
      ),
    );
    expect(field.value).toBe('On it!');
  });

  it('says "Sent for approval" when a manager must approve it', async () => {
    const user = userEvent.setup();
    renderPane(paneRoute, resolvers({ 'replies.send': () => replyResult({ state: 'awaiting_approval' }) }));
    const field = await openReply();
    await user.click(field);
    await user.paste('Refund approved.');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByText(/^Sent for approval/)).getAttribute('role')).toBe('status');
    expect(field.value).toBe('');
  });

  it('answers a DM conversation by DM (10,000 characters), and keeps the draft and its mode across a reload', async () => {
    const user = userEvent.setup();
    const base = conversationFixture();
    const dm = conversationFixture({}, [
      ...base.thread,
      {
        ...(base.thread[0] as Extract<(typeof base.thread)[number], { kind: 'mention' }>),
        id: 'm3',
        mentionKind: 'dm',
      },
    ]);
    const first = renderPane(paneRoute, resolvers({ 'conversations.get': () => dm }));
    const field = await screen.findByRole('textbox', { name: 'Direct message' });
    expect(screen.getByRole('button', { name: 'DM', pressed: true })).toBeTruthy();
    expect(await screen.findByText('10,000 characters left')).toBeTruthy();

    // Back to a public reply, with a draft.
    await user.click(screen.getByRole('button', { name: 'Reply' }));
    await user.paste('Could you DM us your booking reference?');
    first.unmount();

    renderPane(paneRoute, resolvers({ 'conversations.get': () => dm }));
    const restored = await screen.findByRole<HTMLTextAreaElement>('textbox', { name: 'Public reply' });
    expect(restored.value).toBe('Could you DM us your booking reference?');
    expect(field.isConnected).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(restored.value).toBe(''));
    expect(localStorage.length).toBe(0);
  });

  it('`r` focuses the reply composer (from the note), `d` the DM, `n` the note', async () => {
    const user = userEvent.setup();
    renderPane(paneRoute, resolvers(), <ShortcutProbe />);
    await openReply();
    expect(screen.getByTestId('shortcuts').textContent).toContain('r: Write a reply\nd: Write a direct message');
    await user.keyboard('n');
    const note = await screen.findByRole('combobox', { name: 'Internal note' });
    await waitFor(() => expect(document.activeElement).toBe(note));
    await user.keyboard('{Escape}r');
    const reply = await screen.findByRole('textbox', { name: 'Public reply' });
    await waitFor(() => expect(document.activeElement).toBe(reply));
    expect(screen.getByRole('button', { name: 'Reply', pressed: true }).getAttribute('aria-keyshortcuts')).toBe('r');
    await user.keyboard('{Escape}d');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Direct message' })));
  });
});
