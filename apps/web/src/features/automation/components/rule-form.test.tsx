import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ids } from '@/testing/fixtures.ts';
import { renderApp } from '@/testing/render-app.tsx';
import { callsTo, trpcError } from '@/testing/trpc-mock.ts';
import { adam, automationIds, nightVipsRule, olivia, refundsRule } from '../testing/automation-fixtures.ts';
import { automationResolvers, skywardAutomationUrl } from '../testing/automation-resolvers.ts';
import type { AutomationRule } from '../types.ts';

type User = ReturnType<typeof userEvent.setup>;

async function addItem(user: User, form: HTMLElement, kind: 'condition' | 'action', type: string) {
  const label = kind === 'condition' ? 'Condition to add' : 'Action to add';
  await user.selectOptions(within(form).getByLabelText(label), type);
  await user.click(
    within(form).getByRole('button', { name: kind === 'condition' ? 'Add the condition' : 'Add the action' }),
  );
}

describe('automation rule form', { timeout: 20_000 }, () => {
  it('creates a rule with two conditions and two actions, after saying what is missing', async () => {
    let rules: AutomationRule[] = [refundsRule()];
    renderApp(skywardAutomationUrl, {
      resolvers: automationResolvers(
        'manager',
        {
          'automation.create': (input) => {
            const rule: AutomationRule = {
              ...refundsRule(),
              id: automationIds.created,
              name: input.name,
              trigger: input.trigger,
              // As sent: days are always given by the form.
              conditions: (input.conditions ?? []) as AutomationRule['conditions'],
              actions: input.actions,
              enabled: input.enabled ?? true,
              position: 1,
              runCount: 0,
              lastRunAt: null,
            };
            rules = [...rules, rule];
            return rule;
          },
        },
        () => rules,
      ),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New rule' }));
    const form = await screen.findByRole('form', { name: 'New automation rule' });
    await user.type(within(form).getByLabelText('Name'), '  Angry refunds ');
    await user.selectOptions(within(form).getByLabelText('When'), 'A message is received');
    await addItem(user, form, 'condition', 'Keywords');
    await addItem(user, form, 'condition', 'Sentiment');
    await user.click(within(form).getByRole('button', { name: 'Create the rule' }));
    expect(within(form).getByRole('alert').textContent).toBe('Add at least one action.');
    const keywords = within(form).getByRole('group', { name: 'Condition 1 · Keywords' });
    expect(within(keywords).getByText('Enter at least one word or phrase.')).toBeTruthy();
    expect(callsTo('automation.create')).toHaveLength(0);

    await user.type(within(keywords).getByLabelText('Words or phrases'), 'refund, chargeback{Enter}refund');
    expect(within(within(keywords).getByRole('list', { name: 'Keywords' })).getAllByRole('listitem')).toHaveLength(2);
    const sentiment = within(form).getByRole('group', { name: 'Condition 2 · Sentiment' });
    await user.click(within(sentiment).getByRole('checkbox', { name: 'Negative' }));
    await addItem(user, form, 'action', 'Notify members');
    await addItem(user, form, 'action', 'Add a tag');
    await user.click(within(form).getByRole('checkbox', { name: 'Adam Agent' }));
    await user.selectOptions(within(form).getByLabelText('Tag'), 'Billing');
    // The tag first, then the notification.
    await user.click(within(form).getByRole('button', { name: 'Move Action 2 · Add a tag up' }));
    await user.click(within(form).getByRole('button', { name: 'Create the rule' }));

    expect((await screen.findByRole('status')).textContent).toBe('The rule “Angry refunds” was created.');
    expect(callsTo('automation.create')[0]?.input).toEqual({
      organizationId: ids.org,
      brandId: ids.brandSkyward,
      name: 'Angry refunds',
      trigger: 'mention_received',
      enabled: true,
      conditions: [
        { type: 'keywords', keywords: ['refund', 'chargeback'] },
        { type: 'sentiment', sentiments: ['negative'] },
      ],
      actions: [
        { type: 'add_tag', tagId: automationIds.tagBilling },
        { type: 'notify', userIds: [adam.userId] },
      ],
    });
    const row = await screen.findByRole('row', { name: /Angry refunds/ });
    expect(within(row).getByTestId('rule-summary').textContent).toBe(
      'If message contains “refund” or “chargeback” and sentiment is Negative → add the tag Billing, notify Adam Agent',
    );
    expect(screen.queryByRole('form', { name: 'New automation rule' })).toBeNull();
  });

  it('only offers what serves the brand, and says which time zone times are in', async () => {
    renderApp(skywardAutomationUrl, { resolvers: automationResolvers() });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New rule' }));
    const form = await screen.findByRole('form', { name: 'New automation rule' });
    await addItem(user, form, 'condition', 'Channel');
    await addItem(user, form, 'condition', 'Time of day');
    await addItem(user, form, 'action', 'Assign to a team');
    const channels = within(form).getByRole('group', { name: 'Channels' });
    expect(
      within(channels)
        .getAllByRole('checkbox')
        .map((c) => c.parentElement?.textContent),
    ).toEqual(['Skyward Air on X']);
    expect(within(form).getByText("In the brand's time zone, America/New_York.")).toBeTruthy();
    const team = within(form).getByLabelText<HTMLSelectElement>('Team');
    expect([...team.options].map((o) => o.text)).toEqual(['Choose…', 'Billing desk']);
    await user.click(within(form).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('edits a rule: renames it, removes a condition and reorders its actions', async () => {
    renderApp(skywardAutomationUrl, {
      resolvers: automationResolvers('manager', {
        'automation.update': (input) => ({ ...nightVipsRule(), name: input.name ?? 'Night VIPs' }),
      }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit the rule “Night VIPs”' }));
    const form = await screen.findByRole('form', { name: 'Edit the rule “Night VIPs”' });
    const name = within(form).getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'VIP nights');
    await user.click(within(form).getByRole('button', { name: 'Remove Condition 2 · Time of day' }));
    await user.click(within(form).getByRole('button', { name: 'Move Action 2 · Set the priority up' }));
    await user.click(within(form).getByRole('button', { name: 'Save the rule' }));
    expect((await screen.findByRole('status')).textContent).toBe('The rule “VIP nights” was saved.');
    expect(callsTo('automation.update')[0]?.input).toEqual({
      organizationId: ids.org,
      ruleId: automationIds.nightVips,
      name: 'VIP nights',
      trigger: 'mention_received',
      enabled: false,
      conditions: [{ type: 'vip', vip: true }],
      actions: [
        { type: 'set_priority', priority: 'urgent' },
        { type: 'notify', userIds: [olivia.userId] },
      ],
    });
  });

  it('shows the server’s refusals: the name at its field, a rule deleted meanwhile above the form', async () => {
    renderApp(skywardAutomationUrl, {
      resolvers: automationResolvers('manager', {
        'automation.create': () => {
          throw trpcError('VALIDATION', { fieldErrors: { name: ['Too big'] } });
        },
        'automation.update': () => {
          throw trpcError('NOT_FOUND');
        },
      }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New rule' }));
    const form = await screen.findByRole('form', { name: 'New automation rule' });
    const name = within(form).getByLabelText('Name');
    await user.type(name, 'Spam');
    await addItem(user, form, 'action', 'Mark as spam');
    await user.click(within(form).getByRole('button', { name: 'Create the rule' }));
    expect(await within(form).findByText('Enter a name of at most 120 characters, on one line.')).toBeTruthy();
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(callsTo('automation.create')[0]?.input).toMatchObject({ actions: [{ type: 'mark_spam' }], conditions: [] });

    await user.click(screen.getByRole('button', { name: 'Edit the rule “Refunds to billing”' }));
    const edit = await screen.findByRole('form', { name: 'Edit the rule “Refunds to billing”' });
    await user.click(within(edit).getByRole('button', { name: 'Save the rule' }));
    expect((await within(edit).findByRole('alert')).textContent).toBe(
      'This rule no longer exists: someone may have deleted it. The list is up to date again.',
    );
  });
});
