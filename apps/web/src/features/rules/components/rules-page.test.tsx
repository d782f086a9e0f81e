import type { Role } from '@perch/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { brandsFixture, ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import { renderApp } from '@/testing/render-app.tsx';
import { callsTo, trpcError, type Resolvers } from '@/testing/trpc-mock.ts';
import type { KeywordRule, VipHandle } from '../types.ts';

const rulesUrl = `/o/${ids.org}/settings/rules`;
const ruleIds = {
  lostBag: '0190a7e2-0000-7000-8000-00000000e001',
  cancelled: '0190a7e2-0000-7000-8000-00000000e002',
  created: '0190a7e2-0000-7000-8000-00000000e003',
};
const teamId = '0190a7e2-0000-7000-8000-00000000e101';
const tagId = '0190a7e2-0000-7000-8000-00000000e201';
const team = { id: teamId, name: 'Baggage desk' };

const rulesFixture: KeywordRule[] = [
  {
    id: ruleIds.lostBag,
    brandId: ids.brandSkyward,
    phrase: 'lost bag',
    matchMode: 'word',
    language: null,
    priority: 'high',
    enabled: true,
    position: 0,
    createdAt: '2026-02-01T10:00:00.000Z',
    updatedAt: '2026-02-01T10:00:00.000Z',
    tag: { id: tagId, name: 'baggage', color: '#6b7280' },
    team,
  },
  {
    id: ruleIds.cancelled,
    brandId: ids.brandSkyward,
    phrase: 'annulé',
    matchMode: 'word',
    language: 'fr',
    priority: 'urgent',
    enabled: false,
    position: 1,
    createdAt: '2026-02-02T10:00:00.000Z',
    updatedAt: '2026-02-02T10:00:00.000Z',
    tag: null,
    team: null,
  },
];

const vipFixture: VipHandle = {
  id: '0190a7e2-0000-7000-8000-00000000e301',
  brandId: ids.brandSkyward,
  network: 'x',
  username: 'camillemartin',
  note: 'Platinum member',
  createdAt: '2026-02-03T10:00:00.000Z',
};

function resolvers(role: Role = 'manager', overrides: Resolvers = {}): Resolvers {
  return {
    'auth.me': () => meFixture(role),
    'organizations.get': () => organizationFixture(role),
    'brands.list': () => brandsFixture,
    'rules.listKeywordRules': () => ({ rules: rulesFixture, teams: [team] }),
    'rules.listVips': () => [vipFixture],
    ...overrides,
  };
}

const skywardUrl = `${rulesUrl}?brand=${ids.brandSkyward}`;

// Typing through whole forms with user-event is slow on a busy 2-core machine.
describe('rules page', { timeout: 15_000 }, () => {
  it('lists the brand’s keyword rules and VIP handles', async () => {
    renderApp(skywardUrl, { resolvers: resolvers() });
    const table = await screen.findByTestId('keyword-rules-table');
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    const lostBag = within(table).getByRole('row', { name: /lost bag/ });
    expect(within(lostBag).getByText('Whole words')).toBeTruthy();
    expect(within(lostBag).getByText('Any language')).toBeTruthy();
    expect(within(lostBag).getByText('baggage')).toBeTruthy();
    expect(within(lostBag).getByText('High')).toBeTruthy();
    expect(within(lostBag).getByText('Baggage desk')).toBeTruthy();
    expect(within(lostBag).getByRole<HTMLInputElement>('checkbox', { name: 'Rule “lost bag” enabled' }).checked).toBe(
      true,
    );
    const cancelled = within(table).getByRole('row', { name: /annulé/ });
    expect(within(cancelled).getByText('French')).toBeTruthy();
    expect(within(cancelled).getByText('Urgent')).toBeTruthy();
    expect(within(cancelled).getByRole<HTMLInputElement>('checkbox').checked).toBe(false);
    expect(callsTo('rules.listKeywordRules')[0]?.input).toEqual({ organizationId: ids.org, brandId: ids.brandSkyward });

    const vips = screen.getByTestId('vip-table');
    const camille = within(vips).getByRole('row', { name: /@camillemartin/ });
    expect(within(camille).getByText('Platinum member')).toBeTruthy();
    expect(within(camille).getByRole('button', { name: 'Remove @camillemartin from the VIPs' })).toBeTruthy();
  });

  it('without a brand in the URL, shows the first brand and switches brand from the page', async () => {
    renderApp(rulesUrl, { resolvers: resolvers('owner') });
    expect(await screen.findByRole('heading', { name: 'Keyword rules of Skyward Cargo' })).toBeTruthy();
    const user = userEvent.setup();
    const page = screen.getByRole('main');
    await user.selectOptions(within(page).getByLabelText('Brand'), 'Skyward Air');
    expect(await screen.findByRole('heading', { name: 'Keyword rules of Skyward Air' })).toBeTruthy();
    await waitFor(() =>
      expect(callsTo('rules.listKeywordRules').map((c) => c.input)).toContainEqual({
        organizationId: ids.org,
        brandId: ids.brandSkyward,
      }),
    );
  });

  it('creates a rule with a tag, a priority and a team', async () => {
    let rules = [...rulesFixture];
    renderApp(skywardUrl, {
      resolvers: resolvers('manager', {
        'rules.listKeywordRules': () => ({ rules, teams: [team] }),
        'rules.createKeywordRule': (input) => {
          const rule: KeywordRule = {
            ...rulesFixture[0]!,
            id: ruleIds.created,
            phrase: input.phrase,
            matchMode: input.matchMode ?? 'word',
            language: input.language ?? null,
            priority: input.priority ?? null,
            tag: input.tagName ? { id: tagId, name: input.tagName, color: '#6b7280' } : null,
            team: input.teamId ? team : null,
            position: 2,
          };
          rules = [...rules, rule];
          return rule;
        },
      }),
    });
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Add a rule' });
    await user.type(within(form).getByLabelText('Phrase'), '  bagage perdu ');
    await user.selectOptions(within(form).getByLabelText('Language'), 'French');
    await user.type(within(form).getByLabelText('Tag'), 'baggage');
    await user.selectOptions(within(form).getByLabelText('Priority'), 'High');
    await user.selectOptions(within(form).getByLabelText('Team'), 'Baggage desk');
    await user.click(within(form).getByRole('button', { name: 'Add the rule' }));

    expect((await screen.findByRole('status')).textContent).toBe('The rule “bagage perdu” was added.');
    expect(callsTo('rules.createKeywordRule')[0]?.input).toEqual({
      organizationId: ids.org,
      brandId: ids.brandSkyward,
      phrase: 'bagage perdu',
      matchMode: 'word',
      language: 'fr',
      tagName: 'baggage',
      priority: 'high',
      teamId,
    });
    expect(await screen.findByRole('row', { name: /bagage perdu/ })).toBeTruthy();
    // A fresh form for the next rule.
    const next = screen.getByRole('form', { name: 'Add a rule' });
    expect(within(next).getByLabelText<HTMLInputElement>('Phrase').value).toBe('');
  });

  it('says why a rule is refused: no action (before sending), a duplicate phrase (from the server)', async () => {
    renderApp(skywardUrl, {
      resolvers: resolvers('manager', {
        'rules.createKeywordRule': () => {
          throw trpcError('CONFLICT', { details: { field: 'phrase' } });
        },
      }),
    });
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Add a rule' });
    const phrase = within(form).getByLabelText('Phrase');
    await user.type(phrase, 'lost bag');
    await user.click(within(form).getByRole('button', { name: 'Add the rule' }));
    expect(within(form).getByRole('alert').textContent).toBe(
      'Choose at least one action: a tag, a priority or a team.',
    );
    expect(callsTo('rules.createKeywordRule')).toHaveLength(0);

    await user.selectOptions(within(form).getByLabelText('Priority'), 'Urgent');
    await user.click(within(form).getByRole('button', { name: 'Add the rule' }));
    expect(
      await within(form).findByText('This brand already has a rule for this phrase (same match and language).'),
    ).toBeTruthy();
    expect(phrase.getAttribute('aria-invalid')).toBe('true');
    expect(callsTo('rules.createKeywordRule')).toHaveLength(1);
  });

  it('disables a rule with its toggle and deletes one after confirming', async () => {
    renderApp(skywardUrl, {
      resolvers: resolvers('admin', {
        'rules.updateKeywordRule': (input) => ({ ...rulesFixture[0]!, enabled: input.enabled ?? true }),
        'rules.deleteKeywordRule': (input) => ({ id: input.ruleId }),
      }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('checkbox', { name: 'Rule “lost bag” enabled' }));
    expect((await screen.findByRole('status')).textContent).toBe('The rule “lost bag” is disabled.');
    expect(callsTo('rules.updateKeywordRule')[0]?.input).toEqual({
      organizationId: ids.org,
      ruleId: ruleIds.lostBag,
      enabled: false,
    });

    await user.click(screen.getByRole('button', { name: 'Delete the rule “annulé”' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete the rule “annulé”?' });
    expect(callsTo('rules.deleteKeywordRule')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Delete the rule' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(callsTo('rules.deleteKeywordRule')[0]?.input).toEqual({
      organizationId: ids.org,
      ruleId: ruleIds.cancelled,
    });
  });

  it('moves a rule down: the new order of every rule is sent', async () => {
    renderApp(skywardUrl, {
      resolvers: resolvers('manager', { 'rules.reorderKeywordRules': () => [...rulesFixture].reverse() }),
    });
    const user = userEvent.setup();
    expect(
      (await screen.findByRole<HTMLButtonElement>('button', { name: 'Move the rule “lost bag” up' })).disabled,
    ).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Move the rule “lost bag” down' }));
    await waitFor(() => expect(callsTo('rules.reorderKeywordRules')).toHaveLength(1));
    expect(callsTo('rules.reorderKeywordRules')[0]?.input).toEqual({
      organizationId: ids.org,
      brandId: ids.brandSkyward,
      ruleIds: [ruleIds.cancelled, ruleIds.lostBag],
    });
  });

  it('adds a VIP handle with a note, and explains a duplicate', async () => {
    let vips = [vipFixture];
    renderApp(skywardUrl, {
      resolvers: resolvers('manager', {
        'rules.listVips': () => vips,
        'rules.addVip': (input) => {
          const username = input.username.replace(/^@/, '').toLowerCase();
          if (vips.some((v) => v.username === username))
            throw trpcError('CONFLICT', { details: { field: 'username' } });
          const vip = { ...vipFixture, id: ruleIds.created, username, note: input.note ?? null };
          vips = [...vips, vip];
          return vip;
        },
      }),
    });
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Add a VIP handle' });
    const handle = within(form).getByLabelText('Handle');
    await user.type(handle, 'not a handle!');
    await user.click(within(form).getByRole('button', { name: 'Add the handle' }));
    expect(handle.getAttribute('aria-invalid')).toBe('true');
    expect(callsTo('rules.addVip')).toHaveLength(0);

    await user.clear(handle);
    await user.type(handle, '@JaneDoe');
    await user.type(within(form).getByLabelText('Note (optional)'), 'Travel journalist');
    await user.click(within(form).getByRole('button', { name: 'Add the handle' }));
    expect(await screen.findByText('@janedoe is now a VIP.')).toBeTruthy();
    expect(callsTo('rules.addVip')[0]?.input).toEqual({
      organizationId: ids.org,
      brandId: ids.brandSkyward,
      network: 'x',
      username: '@JaneDoe',
      note: 'Travel journalist',
    });
    expect(await within(screen.getByTestId('vip-table')).findByRole('row', { name: /@janedoe/ })).toBeTruthy();

    await user.type(handle, 'CamilleMartin');
    await user.click(within(form).getByRole('button', { name: 'Add the handle' }));
    expect(await within(form).findByText('This handle is already a VIP of this brand on this network.')).toBeTruthy();
  });

  it('a manager finds Rules in Settings; an agent gets no entry and the no-access page', async () => {
    renderApp(skywardUrl, { resolvers: resolvers('manager') });
    const nav = within(await screen.findByRole('navigation', { name: 'Main navigation' }));
    expect((await nav.findByRole('link', { name: 'Rules' })).getAttribute('href')).toBe(skywardUrl);
  });

  it('an agent has no Rules entry and gets the no-access page (no data request)', async () => {
    renderApp(rulesUrl, { resolvers: resolvers('agent') });
    expect(await screen.findByRole('heading', { name: 'No access' })).toBeTruthy();
    const nav = within(screen.getByRole('navigation', { name: 'Main navigation' }));
    expect(nav.queryByRole('link', { name: 'Rules' })).toBeNull();
    expect(callsTo('rules.listKeywordRules')).toHaveLength(0);
  });

  it('is translated into French', async () => {
    renderApp(skywardUrl, {
      resolvers: resolvers('manager', { 'auth.me': () => meFixture('manager', { locale: 'fr' }) }),
    });
    expect(await screen.findByRole('heading', { name: 'Règles par mots-clés de Skyward Air' })).toBeTruthy();
    const table = await screen.findByTestId('keyword-rules-table');
    expect(within(table).getAllByText('Mots entiers')).toHaveLength(2);
    expect(within(table).getByText('Français')).toBeTruthy();
    expect(screen.getByRole('form', { name: 'Ajouter un compte VIP' })).toBeTruthy();
  });
});
