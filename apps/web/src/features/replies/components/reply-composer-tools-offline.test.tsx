import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { paneResolvers, paneRoute } from '@/features/conversation/testing/pane-resolvers.ts';
import { renderPane } from '@/features/conversation/testing/render-pane.tsx';
import { callsTo } from '@/testing/trpc-mock.ts';
import { cannedFixture, conversationFixture, replyResult } from '../testing/reply-fixtures.ts';

// X's counting (`reply-tools.ts`, a chunk of its own) cannot be fetched: the browser went offline.
vi.mock('../reply-tools.ts', () => {
  throw new TypeError('Failed to fetch dynamically imported module');
});

describe('reply composer when X’s counting cannot load', { timeout: 15_000 }, () => {
  it('says the reply was not sent and why, and sends nothing unchecked', async () => {
    const user = userEvent.setup();
    renderPane(
      paneRoute,
      paneResolvers({
        'conversations.get': () => conversationFixture(),
        'cannedReplies.list': () => cannedFixture,
        'replies.send': () => replyResult(),
      }),
    );
    const field = await screen.findByRole('textbox', { name: 'Public reply' });
    await user.click(field);
    await user.paste('Your bag is on its way.');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(
      await screen.findByText(
        'Not sent: the reply tools could not load (check the connection), so the text could not be checked. Send again.',
      ),
    ).toBeTruthy();
    expect(callsTo('replies.send')).toHaveLength(0);
    // The draft is kept for the next try.
    expect((field as HTMLTextAreaElement).value).toBe('Your bag is on its way.');
  });
});
