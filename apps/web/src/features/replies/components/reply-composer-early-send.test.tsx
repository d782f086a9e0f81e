import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { paneResolvers, paneRoute } from '@/features/conversation/testing/pane-resolvers.ts';
import { renderPane } from '@/features/conversation/testing/render-pane.tsx';
import { callsTo } from '@/testing/trpc-mock.ts';
import { cannedFixture, conversationFixture, replyResult } from '../testing/reply-fixtures.ts';

/**
 * X's counting (`reply-tools.ts`) is a chunk of its own, loaded with the first reply pane. These tests hold that
 * chunk back, as a slow network does, to show what a send asked for before it arrives does: it waits for the chunk,
 * then is checked and sent as any other — never dropped, never sent unchecked.
 */
const chunk = vi.hoisted(() => {
  let release = () => {};
  const arrived = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { arrived, release };
});

vi.mock('../reply-tools.ts', async (importOriginal) => {
  await chunk.arrived;
  return importOriginal();
});

const sends = () => callsTo('replies.send').map((c) => c.input as { text: string; then: string });

const resolvers = () =>
  paneResolvers({
    'conversations.get': () => conversationFixture(),
    'cannedReplies.list': () => cannedFixture,
    'replies.send': () => replyResult(),
  });

describe('reply composer before X’s counting has loaded', { timeout: 15_000 }, () => {
  it('keeps a Ctrl+Enter pressed before the chunk arrives, refuses an over-long one, and sends the right one once when it has', async () => {
    const user = userEvent.setup();
    renderPane(paneRoute, resolvers());
    const field = await screen.findByRole('textbox', { name: 'Public reply' });
    expect(screen.queryByText('280 characters left')).toBeNull();

    // Over the limit, asked for early: checked once the chunk is here, and refused.
    await user.click(field);
    await user.paste(`Sorry ${'x'.repeat(280)}`);
    await user.keyboard('{Control>}{Enter}{/Control}');
    // Within the limit, asked for early: waits, then goes.
    await user.clear(field);
    await user.paste('Your bag is on its way.');
    await user.keyboard('{Control>}{Shift>}{Enter}{/Shift}{/Control}');
    // Pressed twice while waiting: still one send.
    await user.keyboard('{Control>}{Shift>}{Enter}{/Shift}{/Control}');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sends()).toHaveLength(0);

    chunk.release();
    await waitFor(() => expect(sends()).toHaveLength(1));
    expect(sends()[0]).toMatchObject({ text: 'Your bag is on its way.', then: 'resolve' });
    // Sent: the draft is cleared and the counter, now loaded, shows the whole budget.
    await screen.findByText('280 characters left');
    expect((field as HTMLTextAreaElement).value).toBe('');
  });
});
