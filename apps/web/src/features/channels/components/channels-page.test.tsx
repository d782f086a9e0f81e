import type { Role } from '@perch/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { formatDate } from '@/lib/format.ts';
import type { Channel } from '@/lib/trpc.ts';
import { brandsFixture, ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import { renderApp } from '@/testing/render-app.tsx';
import { callsTo, trpcError, type Resolvers } from '@/testing/trpc-mock.ts';

const channelsUrl = `/o/${ids.org}/settings/channels`;
const publicUrl = 'https://perch.example';
const channelIds = {
  x: '0190a7e2-0000-7000-8000-00000000f001',
  webhook: '0190a7e2-0000-7000-8000-00000000f002',
  created: '0190a7e2-0000-7000-8000-00000000f003',
};
const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000).toISOString();

const channelsFixture: Channel[] = [
  {
    id: channelIds.x,
    brandId: ids.brandSkyward,
    kind: 'x',
    name: 'Skyward Air on X',
    externalId: '1234567890',
    lastEventAt: fiveMinutesAgo,
    lastError: null,
    createdAt: '2026-02-01T10:00:00.000Z',
    webhookUrl: `${publicUrl}/webhooks/x/${channelIds.x}`,
  },
  {
    id: channelIds.webhook,
    brandId: ids.brandCargo,
    kind: 'webhook',
    name: 'Cargo forms',
    externalId: null,
    lastEventAt: null,
    lastError: 'Signature mismatch',
    createdAt: '2026-02-02T10:00:00.000Z',
    webhookUrl: `${publicUrl}/webhooks/generic/${channelIds.webhook}`,
  },
];

function resolvers(role: Role = 'owner', overrides: Resolvers = {}): Resolvers {
  return {
    'auth.me': () => meFixture(role),
    'organizations.get': () => organizationFixture(role),
    'brands.list': () => brandsFixture,
    'channels.list': () => channelsFixture,
    ...overrides,
  };
}

describe('channels page', () => {
  it('lists channels with their kind, brand, webhook URL and health', async () => {
    renderApp(channelsUrl, { resolvers: resolvers() });
    const table = await screen.findByTestId('channels-table');
    expect(within(table).getAllByRole('row')).toHaveLength(3);

    const x = within(table).getByRole('row', { name: /Skyward Air on X/ });
    expect(within(x).getByText('X account')).toBeTruthy();
    expect(within(x).getByText('Skyward Air')).toBeTruthy();
    expect(within(x).getByText(`${publicUrl}/webhooks/x/${channelIds.x}`)).toBeTruthy();
    expect(within(x).getByText('5 minutes ago')).toBeTruthy();
    expect(within(x).getByRole('button', { name: 'Copy the webhook URL of Skyward Air on X' })).toBeTruthy();
    // Only signed webhooks have a secret to rotate.
    expect(within(x).queryByRole('button', { name: /Rotate/ })).toBeNull();

    const hook = within(table).getByRole('row', { name: /Cargo forms/ });
    expect(within(hook).getByText('Signed webhook')).toBeTruthy();
    expect(within(hook).getByText('Skyward Cargo')).toBeTruthy();
    expect(within(hook).getByText('No events yet')).toBeTruthy();
    expect(within(hook).getByText(/Signature mismatch/).className).toBe('health-error');
    expect(within(hook).getByRole('button', { name: 'Rotate the signing secret of Cargo forms' })).toBeTruthy();
  });

  it('shows only the brand chosen in the switcher', async () => {
    renderApp(`${channelsUrl}?brand=${ids.brandCargo}`, { resolvers: resolvers() });
    const table = await screen.findByTestId('channels-table');
    await waitFor(() => expect(within(table).queryByText('Skyward Air on X')).toBeNull());
    expect(within(table).getByText('Cargo forms')).toBeTruthy();
    expect(screen.getByText('Showing the channels of Skyward Cargo.')).toBeTruthy();
  });

  it('adds a signed webhook and shows its signing secret once', async () => {
    let channels = [...channelsFixture];
    const signingSecret = 'whsec_c2VjcmV0LXNob3duLW9uY2U=';
    renderApp(channelsUrl, {
      resolvers: resolvers('admin', {
        'channels.list': () => channels,
        'channels.createWebhook': (input) => {
          const webhookUrl = `${publicUrl}/webhooks/generic/${channelIds.created}`;
          const channel = {
            id: channelIds.created,
            brandId: input.brandId,
            kind: 'webhook' as const,
            name: input.name,
            externalId: null,
            lastEventAt: null,
            lastError: null,
            createdAt: '2026-03-01T10:00:00.000Z',
          };
          channels = [...channels, { ...channel, webhookUrl }];
          return { channel, signingSecret, webhookUrl };
        },
      }),
    });
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Add a signed webhook' });
    await user.selectOptions(within(form).getByLabelText('Brand'), 'Skyward Cargo');
    await user.type(within(form).getByLabelText('Name'), 'Instagram via Zapier');
    await user.click(within(form).getByRole('button', { name: 'Add the webhook' }));

    const secret = await screen.findByTestId<HTMLInputElement>('channel-signing-secret');
    expect(secret.value).toBe(signingSecret);
    const callout = screen.getByRole('region', { name: 'Signing secret for Instagram via Zapier' });
    expect(within(callout).getByText("Copy it now: it won't be shown again.")).toBeTruthy();
    expect(callsTo('channels.createWebhook')[0]?.input).toEqual({
      organizationId: ids.org,
      brandId: ids.brandCargo,
      name: 'Instagram via Zapier',
    });
    expect(await screen.findByRole('row', { name: /Instagram via Zapier/ })).toBeTruthy();

    await user.click(within(callout).getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByTestId('channel-signing-secret')).toBeNull();
  });

  it('connects an X account: secrets are password fields and are not shown afterwards', async () => {
    renderApp(channelsUrl, {
      resolvers: resolvers('owner', {
        'channels.createX': (input) => ({
          channel: { ...channelsFixture[0]!, id: channelIds.created, name: input.name },
          webhookUrl: `${publicUrl}/webhooks/x/${channelIds.created}`,
        }),
      }),
    });
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Connect an X account' });
    const consumerSecret = within(form).getByLabelText('Consumer secret');
    expect(consumerSecret.getAttribute('type')).toBe('password');
    expect(consumerSecret.getAttribute('autocomplete')).toBe('off');
    await user.type(within(form).getByLabelText('Name'), 'Cargo on X');
    await user.type(within(form).getByLabelText('X user id'), '@cargo');
    await user.type(consumerSecret, 'consumer-secret-value');
    await user.click(within(form).getByRole('button', { name: 'Connect the account' }));
    expect(within(form).getByText(/Enter the numeric id of the X account/)).toBeTruthy();
    expect(callsTo('channels.createX')).toHaveLength(0);

    await user.clear(within(form).getByLabelText('X user id'));
    await user.type(within(form).getByLabelText('X user id'), '987654321');
    await user.click(within(form).getByRole('button', { name: 'Connect the account' }));
    const url = await screen.findByTestId<HTMLInputElement>('channel-webhook-url');
    expect(url.value).toBe(`${publicUrl}/webhooks/x/${channelIds.created}`);
    expect(callsTo('channels.createX')[0]?.input).toEqual({
      organizationId: ids.org,
      brandId: brandsFixture[0]!.id,
      name: 'Cargo on X',
      xUserId: '987654321',
      consumerSecret: 'consumer-secret-value',
    });
    expect(within(form).getByLabelText<HTMLInputElement>('Consumer secret').value).toBe('');
    expect(screen.queryByText('consumer-secret-value')).toBeNull();
  });

  it('reports a refused creation with the translated error', async () => {
    renderApp(channelsUrl, {
      resolvers: resolvers('owner', {
        'channels.createWebhook': () => {
          throw trpcError('FORBIDDEN');
        },
      }),
    });
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Add a signed webhook' });
    await user.type(within(form).getByLabelText('Name'), 'Forms');
    await user.click(within(form).getByRole('button', { name: 'Add the webhook' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('Your role does not allow this.');
  });

  it('rotates a webhook secret after confirming, and says until when the previous one works', async () => {
    const previousValidUntil = '2026-03-02T10:00:00.000Z';
    renderApp(channelsUrl, {
      resolvers: resolvers('owner', {
        'channels.rotateWebhookSecret': () => ({ signingSecret: 'whsec_bmV3LXNlY3JldA==', previousValidUntil }),
      }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Rotate the signing secret of Cargo forms' }));
    const dialog = screen.getByRole('dialog', { name: 'Rotate the signing secret of Cargo forms?' });
    expect(callsTo('channels.rotateWebhookSecret')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Rotate the secret' }));

    const secret = await screen.findByTestId<HTMLInputElement>('channel-signing-secret');
    expect(secret.value).toBe('whsec_bmV3LXNlY3JldA==');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('channel-previous-valid-until').textContent).toBe(
      `Update the sender with it. The previous secret keeps working until ${formatDate(previousValidUntil, 'en')}.`,
    );
    expect(callsTo('channels.rotateWebhookSecret')[0]?.input).toEqual({
      organizationId: ids.org,
      channelId: channelIds.webhook,
    });
  });

  it('a manager sees the channels but no form and no rotation', async () => {
    renderApp(channelsUrl, { resolvers: resolvers('manager') });
    const nav = within(await screen.findByRole('navigation', { name: 'Main navigation' }));
    expect((await nav.findByRole('link', { name: 'Channels' })).getAttribute('href')).toBe(channelsUrl);
    expect(nav.queryByRole('link', { name: 'Members' })).toBeNull();
    const table = await screen.findByTestId('channels-table');
    expect(within(table).getByText('Cargo forms')).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.queryByRole('button', { name: /Rotate/ })).toBeNull();
  });

  it('an agent has no Channels entry and gets the no-access page (no data request)', async () => {
    renderApp(channelsUrl, { resolvers: resolvers('agent') });
    expect(await screen.findByRole('heading', { name: 'No access' })).toBeTruthy();
    const nav = within(screen.getByRole('navigation', { name: 'Main navigation' }));
    expect(nav.queryByRole('link', { name: 'Channels' })).toBeNull();
    expect(callsTo('channels.list')).toHaveLength(0);
  });

  it('is translated into French', async () => {
    renderApp(channelsUrl, {
      resolvers: resolvers('owner', { 'auth.me': () => meFixture('owner', { locale: 'fr' }) }),
    });
    const table = await screen.findByTestId('channels-table');
    expect(within(table).getByText('il y a 5 minutes')).toBeTruthy();
    expect(within(table).getByText('Aucun événement pour l’instant')).toBeTruthy();
    expect(screen.getByRole('form', { name: 'Connecter un compte X' })).toBeTruthy();
  });
});
