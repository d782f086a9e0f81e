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
const twoMinutesAgo = new Date(Date.now() - 2 * 60_000).toISOString();
const inThreeMinutes = new Date(Date.now() + 3 * 60_000 + 20_000).toISOString();
const gap = {
  detectedAt: '2026-03-01T10:00:00.000Z',
  newestKnownId: '1867000000000000000',
  oldestFetchedId: '1867000000000900000',
  since: '2026-03-01T02:00:00.000Z',
  until: '2026-03-01T09:00:00.000Z',
};

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
    replyUrl: null,
    eventsToday: 42,
    backlog: 3,
    polling: {
      enabled: true,
      intervalSeconds: 300,
      apiBaseUrl: null,
      lastPolledAt: twoMinutesAgo,
      nextPollAt: inThreeMinutes,
      gap: null,
    },
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
    eventsToday: 0,
    backlog: 0,
    polling: null,
    replyUrl: null,
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

  it('shows the health figures: events today, backlog, and the polling state of X channels', async () => {
    renderApp(channelsUrl, { resolvers: resolvers() });
    const table = await screen.findByTestId('channels-table');
    const x = within(table).getByRole('row', { name: /Skyward Air on X/ });
    expect(within(x).getByTestId('channel-figures').textContent).toBe('Events today: 42 · Backlog: 3');
    expect(within(x).getByText('Backlog: 3').className).toBe('health-error');
    expect(within(x).getByTestId('channel-polling').textContent).toBe(
      'Polling every 5 minutes · last poll 2 minutes ago · next poll in 3 minutes',
    );
    const hook = within(table).getByRole('row', { name: /Cargo forms/ });
    expect(within(hook).getByTestId('channel-figures').textContent).toBe('Events today: 0 · Backlog: 0');
    expect(within(hook).queryByTestId('channel-polling')).toBeNull();
    expect(within(hook).queryByRole('button', { name: /Polling settings/ })).toBeNull();
  });

  it('warns about a possible gap, and an admin dismisses it', async () => {
    let channels: Channel[] = [{ ...channelsFixture[0]!, polling: { ...channelsFixture[0]!.polling!, gap } }];
    renderApp(channelsUrl, {
      resolvers: resolvers('admin', {
        'channels.list': () => channels,
        'channels.dismissGapWarning': () => {
          channels = [channelsFixture[0]!];
          return { dismissed: true };
        },
      }),
    });
    const warning = await screen.findByTestId('channel-gap');
    expect(warning.textContent).toContain(
      `Possible gap: mentions between ${formatDate(gap.since, 'en')} and ${formatDate(gap.until, 'en')} may be missing — import history to fill it.`,
    );
    const user = userEvent.setup();
    await user.click(within(warning).getByRole('button', { name: 'Dismiss the gap warning of Skyward Air on X' }));
    await waitFor(() => expect(screen.queryByTestId('channel-gap')).toBeNull());
    expect(callsTo('channels.dismissGapWarning')[0]?.input).toEqual({
      organizationId: ids.org,
      channelId: channelIds.x,
    });
  });

  it('a gap known only by post ids names them; a manager sees it but cannot dismiss it', async () => {
    const { since: _s, until: _u, ...byIds } = gap;
    renderApp(channelsUrl, {
      resolvers: resolvers('manager', {
        'channels.list': () => [{ ...channelsFixture[0]!, polling: { ...channelsFixture[0]!.polling!, gap: byIds } }],
      }),
    });
    const warning = await screen.findByTestId('channel-gap');
    expect(warning.textContent).toBe(
      'Possible gap: mentions between post 1867000000000000000 and post 1867000000000900000 may be missing — import history to fill it.',
    );
    expect(within(warning).queryByRole('button')).toBeNull();
    expect(screen.queryByRole('button', { name: /Polling settings/ })).toBeNull();
  });

  it('sets the polling of an X channel: toggle, interval and advanced API base URL', async () => {
    renderApp(channelsUrl, {
      resolvers: resolvers('owner', {
        'channels.configurePolling': (input) => ({
          polling: {
            enabled: input.enabled,
            intervalSeconds: input.intervalSeconds,
            apiBaseUrl: input.apiBaseUrl ?? null,
            lastPolledAt: null,
            nextPollAt: null,
            gap: null,
          },
        }),
      }),
    });
    const user = userEvent.setup();
    const open = await screen.findByRole('button', { name: 'Polling settings of Skyward Air on X' });
    expect(open.getAttribute('aria-expanded')).toBe('false');
    await user.click(open);
    expect(open.getAttribute('aria-expanded')).toBe('true');
    const form = screen.getByRole('form', { name: 'Polling of Skyward Air on X' });
    const toggle = within(form).getByRole<HTMLInputElement>('checkbox', { name: 'Poll the mentions timeline' });
    expect(toggle.checked).toBe(true);
    const interval = within(form).getByLabelText<HTMLSelectElement>('Interval');
    expect(interval.value).toBe('300');
    expect(
      within(form).getByText('Between 30 seconds and 60 minutes. X allows 450 mention reads per 15 minutes.'),
    ).toBeTruthy();

    await user.selectOptions(interval, '30 minutes');
    await user.click(within(form).getByText('Advanced'));
    const url = within(form).getByLabelText('API base URL');
    await user.type(url, 'ftp://files.example.com');
    await user.click(within(form).getByRole('button', { name: 'Save polling settings' }));
    expect(within(form).getByText('Enter an http or https URL, without a user name or password.')).toBeTruthy();
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(callsTo('channels.configurePolling')).toHaveLength(0);

    await user.clear(url);
    await user.click(toggle);
    await user.click(within(form).getByRole('button', { name: 'Save polling settings' }));
    expect(await within(form).findByText('Polling settings saved.')).toBeTruthy();
    expect(callsTo('channels.configurePolling')[0]?.input).toEqual({
      organizationId: ids.org,
      channelId: channelIds.x,
      enabled: false,
      intervalSeconds: 1800,
      apiBaseUrl: null,
    });

    await user.click(within(form).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('form', { name: 'Polling of Skyward Air on X' })).toBeNull();
  });

  it('shows the server refusing a private API base URL on the field (S6)', async () => {
    renderApp(channelsUrl, {
      resolvers: resolvers('admin', {
        'channels.configurePolling': () => {
          throw trpcError('VALIDATION', { details: { field: 'apiBaseUrl', reason: 'linkLocal' } });
        },
      }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Polling settings of Skyward Air on X' }));
    const form = screen.getByRole('form', { name: 'Polling of Skyward Air on X' });
    await user.click(within(form).getByText('Advanced'));
    await user.type(within(form).getByLabelText('API base URL'), 'http://169.254.169.254/latest');
    await user.click(within(form).getByRole('button', { name: 'Save polling settings' }));
    expect(
      await within(form).findByText('This address is refused: Perch only connects to public internet addresses.'),
    ).toBeTruthy();
    expect(within(form).queryByRole('alert')).toBeNull();
    expect(callsTo('channels.configurePolling')[0]?.input).toMatchObject({
      apiBaseUrl: 'http://169.254.169.254/latest',
    });
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
          channels = [
            ...channels,
            { ...channel, webhookUrl, eventsToday: 0, backlog: 0, polling: null, replyUrl: null },
          ];
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
    expect(within(table).getAllByTestId('channel-figures')[0]?.textContent).toBe(
      'Événements aujourd’hui : 42 · En attente : 3',
    );
    expect(within(table).getByTestId('channel-polling').textContent).toMatch(
      /^Interrogation active \(intervalle : 5 minutes\) · dernière interrogation il y a 2 minutes/,
    );
    expect(screen.getByRole('form', { name: 'Connecter un compte X' })).toBeTruthy();
  });
});
