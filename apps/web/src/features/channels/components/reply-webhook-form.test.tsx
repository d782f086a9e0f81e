import type { Role } from '@perch/shared';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPage as renderWithApp, settlePages } from '@/testing/render-page.tsx';
import type { Channel } from '@/lib/trpc.ts';
import { brandsFixture, ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import { callsTo, trpcError, type Resolvers } from '@/testing/trpc-mock.ts';
import { ChannelsPage } from './channels-page.tsx';

const channelIds = {
  x: '0190a7e2-0000-7000-8000-00000000f001',
  webhook: '0190a7e2-0000-7000-8000-00000000f002',
};
const common = {
  lastEventAt: null,
  lastError: null,
  createdAt: '2026-02-02T10:00:00.000Z',
  eventsToday: 0,
  backlog: 0,
  externalId: null,
};
const webhookChannel: Channel = {
  ...common,
  id: channelIds.webhook,
  brandId: ids.brandCargo,
  kind: 'webhook',
  name: 'Cargo forms',
  webhookUrl: `https://perch.example/webhooks/generic/${channelIds.webhook}`,
  polling: null,
  replyUrl: null,
};
const xChannel: Channel = {
  ...common,
  id: channelIds.x,
  brandId: ids.brandSkyward,
  kind: 'x',
  name: 'Skyward Air on X',
  webhookUrl: `https://perch.example/webhooks/x/${channelIds.x}`,
  polling: null,
  replyUrl: null,
};

function renderPage(role: Role = 'admin', overrides: Resolvers = {}) {
  return renderWithApp(<ChannelsPage organization={organizationFixture(role)} />, {
    resolvers: {
      'auth.me': () => meFixture(role),
      'brands.list': () => brandsFixture,
      'channels.list': () => [xChannel, webhookChannel],
      ...overrides,
    },
    route: `/o/${ids.org}/settings/channels`,
  });
}

async function openForm() {
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Where the replies of Cargo forms go' }));
  const form = screen.getByRole('form', { name: 'Replies of Cargo forms go to' });
  return { user, form, input: within(form).getByLabelText('Reply URL') };
}

afterEach(settlePages);

describe('where the replies of a signed webhook channel go', { timeout: 15_000 }, () => {
  it('saves a public URL for a webhook channel (not offered for X channels)', async () => {
    renderPage('admin', {
      'channels.configureReplyWebhook': (input) => ({ channelId: input.channelId, replyUrl: input.url }),
    });
    expect(await screen.findByRole('button', { name: 'Where the replies of Cargo forms go' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Where the replies of Skyward Air on X go' })).toBeNull();
    const { user, form, input } = await openForm();
    await user.type(input, '  https://forms.skyward-cargo.com/perch/replies ');
    await user.click(within(form).getByRole('button', { name: 'Save the reply URL' }));
    expect((await within(form).findByRole('status')).textContent).toBe('Reply URL saved.');
    expect(callsTo('channels.configureReplyWebhook')[0]?.input).toEqual({
      organizationId: ids.org,
      channelId: channelIds.webhook,
      url: 'https://forms.skyward-cargo.com/perch/replies',
    });
    expect(screen.getByTestId('reply-url-current').textContent).toBe(
      'Currently: https://forms.skyward-cargo.com/perch/replies',
    );
  });

  it('shows the server refusing a private address, with its reason, on the field (S6)', async () => {
    renderPage('owner', {
      'channels.configureReplyWebhook': () => {
        throw trpcError('VALIDATION', {
          details: { field: 'url', reason: 'http://127.0.0.1 is not a public address (loopback)' },
        });
      },
    });
    const { user, form, input } = await openForm();
    await user.type(input, 'http://127.0.0.1/replies');
    await user.click(within(form).getByRole('button', { name: 'Save the reply URL' }));
    expect(
      await within(form).findByText('This address is refused: http://127.0.0.1 is not a public address (loopback).'),
    ).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

  it('refuses what is not an http(s) URL before asking the server', async () => {
    renderPage();
    const { user, form, input } = await openForm();
    await user.type(input, 'ftp://forms.skyward-cargo.com/replies');
    await user.click(within(form).getByRole('button', { name: 'Save the reply URL' }));
    expect(within(form).getByText('Enter an http or https URL, without a user name or password.')).toBeTruthy();
    expect(callsTo('channels.configureReplyWebhook')).toHaveLength(0);
  });

  it('shows the current URL when the list gives it, and removes it', async () => {
    const withUrl = { ...webhookChannel, replyUrl: 'https://forms.skyward-cargo.com/perch/replies' };
    renderPage('admin', {
      'channels.list': () => [xChannel, withUrl],
      'channels.configureReplyWebhook': (input) => ({ channelId: input.channelId, replyUrl: input.url }),
    });
    const { user, form, input } = await openForm();
    expect(screen.getByTestId('reply-url-current').textContent).toBe(
      'Currently: https://forms.skyward-cargo.com/perch/replies',
    );
    expect((input as HTMLInputElement).value).toBe('https://forms.skyward-cargo.com/perch/replies');
    await user.click(within(form).getByRole('button', { name: 'Remove the reply URL' }));
    expect((await within(form).findByRole('status')).textContent).toBe(
      'Reply URL removed: replies to these conversations will not be delivered.',
    );
    expect(callsTo('channels.configureReplyWebhook')[0]?.input).toEqual({
      organizationId: ids.org,
      channelId: channelIds.webhook,
      url: null,
    });
  });

  it('is for owners and admins only', async () => {
    renderPage('manager');
    expect(await screen.findByTestId('channels-table')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Where the replies of Cargo forms go' })).toBeNull();
  });
});
