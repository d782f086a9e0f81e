import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ids, meFixture } from '@/testing/fixtures.ts';
import { renderApp } from '@/testing/render-app.tsx';
import { callsTo, trpcError } from '@/testing/trpc-mock.ts';
import { automationIds, nightVipsRule, refundsRule } from '../testing/automation-fixtures.ts';
import { automationResolvers, automationUrl, skywardAutomationUrl } from '../testing/automation-resolvers.ts';
import type { AutomationRule } from '../types.ts';

const ruleNames = () =>
  [...screen.getByTestId('automation-rules-table').querySelectorAll('tbody strong')].map((s) => s.textContent);

describe('automation page', { timeout: 15_000 }, () => {
  it('lists the brand’s rules in order, in words, with their switch and activity', async () => {
    renderApp(skywardAutomationUrl, { resolvers: automationResolvers() });
    expect(await screen.findByRole('heading', { name: 'Automation rules of Skyward Air' })).toBeTruthy();
    expect(screen.getByText(/Rules run top to bottom; a later rule sees earlier rules' changes/)).toBeTruthy();
    const table = await screen.findByTestId('automation-rules-table');
    expect(ruleNames()).toEqual(['Refunds to billing', 'Night VIPs']);

    const refunds = within(table).getByRole('row', { name: /Refunds to billing/ });
    expect(within(refunds).getByText('A conversation is created')).toBeTruthy();
    expect(within(refunds).getByTestId('rule-summary').textContent).toBe(
      'If channel is Skyward Air on X and message contains “refund” or “lost bag” → add the tag Billing, assign to the team Billing desk',
    );
    expect(within(refunds).getByText('Ran 12 times · last 3 minutes ago')).toBeTruthy();
    expect(
      within(refunds).getByRole<HTMLInputElement>('switch', { name: 'Rule “Refunds to billing” enabled' }).checked,
    ).toBe(true);

    const night = within(table).getByRole('row', { name: /Night VIPs/ });
    expect(within(night).getByTestId('rule-summary').textContent).toBe(
      'If customer is a VIP and between 22:00 and 06:00 (every day) → notify Olivia Owner, set priority to Urgent',
    );
    expect(within(night).getByText('Never ran')).toBeTruthy();
    expect(within(night).getByRole<HTMLInputElement>('switch').checked).toBe(false);
    expect(callsTo('automation.list')[0]?.input).toEqual({ organizationId: ids.org, brandId: ids.brandSkyward });
  });

  it('explains rules when the brand has none, and opens the form from there', async () => {
    renderApp(skywardAutomationUrl, { resolvers: automationResolvers('owner', {}, () => []) });
    const empty = await screen.findByTestId('automation-empty');
    expect(within(empty).getByText('This brand has no automation rule yet.')).toBeTruthy();
    await userEvent.setup().click(within(empty).getByRole('button', { name: 'Create the first rule' }));
    expect(await screen.findByRole('form', { name: 'New automation rule' })).toBeTruthy();
    expect(screen.getByText('All conditions must match; no condition = always.')).toBeTruthy();
  });

  it('disables a rule with its switch', async () => {
    renderApp(skywardAutomationUrl, {
      resolvers: automationResolvers('manager', {
        'automation.update': (input) => ({ ...refundsRule(), enabled: input.enabled ?? true }),
      }),
    });
    await userEvent.setup().click(await screen.findByRole('switch', { name: 'Rule “Refunds to billing” enabled' }));
    expect((await screen.findByRole('status')).textContent).toBe('The rule “Refunds to billing” is disabled.');
    expect(callsTo('automation.update')[0]?.input).toEqual({
      organizationId: ids.org,
      ruleId: automationIds.refunds,
      enabled: false,
    });
  });

  it('puts the switch back when the rule is gone', async () => {
    renderApp(skywardAutomationUrl, {
      resolvers: automationResolvers('manager', {
        'automation.update': () => {
          throw trpcError('NOT_FOUND');
        },
      }),
    });
    const user = userEvent.setup();
    const toggle = await screen.findByRole<HTMLInputElement>('switch', { name: 'Rule “Night VIPs” enabled' });
    await user.click(toggle);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This rule no longer exists: someone may have deleted it. The list is up to date again.',
    );
    expect(screen.getByRole<HTMLInputElement>('switch', { name: 'Rule “Night VIPs” enabled' }).checked).toBe(false);
    expect(callsTo('automation.update')[0]?.input).toEqual({
      organizationId: ids.org,
      ruleId: automationIds.nightVips,
      enabled: true,
    });
  });

  it('moves a rule down at once, sends the whole new order, and keeps it once saved', async () => {
    let rules: AutomationRule[] = [refundsRule(), nightVipsRule()];
    let release = () => {};
    const saved = new Promise<void>((resolve) => (release = resolve));
    renderApp(skywardAutomationUrl, {
      resolvers: automationResolvers(
        'manager',
        {
          'automation.reorder': async () => {
            await saved;
            rules = [rules[1]!, rules[0]!].map((rule, position) => ({ ...rule, position }));
            return rules;
          },
        },
        () => rules,
      ),
    });
    const user = userEvent.setup();
    const up = await screen.findByRole<HTMLButtonElement>('button', { name: 'Move the rule “Refunds to billing” up' });
    expect(up.disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Move the rule “Refunds to billing” down' }));
    // Shown before the server answers.
    await waitFor(() => expect(ruleNames()).toEqual(['Night VIPs', 'Refunds to billing']));
    expect(callsTo('automation.reorder')[0]?.input).toEqual({
      organizationId: ids.org,
      brandId: ids.brandSkyward,
      ruleIds: [automationIds.nightVips, automationIds.refunds],
    });
    release();
    await waitFor(() => expect(callsTo('automation.list').length).toBeGreaterThan(1));
    expect(ruleNames()).toEqual(['Night VIPs', 'Refunds to billing']);
  });

  it('puts the order back when the server refuses it', async () => {
    renderApp(skywardAutomationUrl, {
      resolvers: automationResolvers('manager', {
        'automation.reorder': () => {
          throw trpcError('VALIDATION', { details: { field: 'ruleIds' } });
        },
      }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Move the rule “Night VIPs” up' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The rules changed meanwhile: the list is up to date again, move the rule once more.',
    );
    expect(ruleNames()).toEqual(['Refunds to billing', 'Night VIPs']);
  });

  it('deletes a rule only after confirming', async () => {
    renderApp(skywardAutomationUrl, {
      resolvers: automationResolvers('admin', { 'automation.delete': (input) => ({ id: input.ruleId }) }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete the rule “Night VIPs”' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete the rule “Night VIPs”?' });
    expect(callsTo('automation.delete')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Delete the rule' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(callsTo('automation.delete')[0]?.input).toEqual({
      organizationId: ids.org,
      ruleId: automationIds.nightVips,
    });
    expect((await screen.findByRole('status')).textContent).toBe('The rule “Night VIPs” was deleted.');
  });

  it('without a brand in the URL shows the first brand, whose channels and teams it offers', async () => {
    renderApp(automationUrl, { resolvers: automationResolvers('manager', {}, () => []) });
    expect(await screen.findByRole('heading', { name: 'Automation rules of Skyward Cargo' })).toBeTruthy();
    await waitFor(() =>
      expect(callsTo('tags.list').map((c) => c.input)).toContainEqual({
        organizationId: ids.org,
        brandId: ids.brandCargo,
      }),
    );
  });

  it('is translated into French', async () => {
    renderApp(skywardAutomationUrl, {
      resolvers: automationResolvers('manager', { 'auth.me': () => meFixture('manager', { locale: 'fr' }) }),
    });
    expect(await screen.findByRole('heading', { name: 'Règles d’automatisation de Skyward Air' })).toBeTruthy();
    const table = await screen.findByTestId('automation-rules-table');
    const refunds = within(table).getByRole('row', { name: /Refunds to billing/ });
    expect(within(refunds).getByTestId('rule-summary').textContent).toBe(
      'Si le canal est Skyward Air on X et le message contient « refund » ou « lost bag » → ajouter l’étiquette Billing, assigner à l’équipe Billing desk',
    );
    expect(within(refunds).getByText('Exécutée 12 fois · dernière il y a 3 minutes')).toBeTruthy();
    expect(within(table).getByText('Jamais exécutée')).toBeTruthy();
  });
});
