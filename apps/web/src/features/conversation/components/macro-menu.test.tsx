import type { MacroItem } from '@perch/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useShortcutList } from '@/lib/shortcuts.tsx';
import { ids, meFixture } from '@/testing/fixtures.ts';
import { callsTo, trpcError, type Resolvers } from '@/testing/trpc-mock.ts';
import { agentsFixture, detailFixture, paneIds, tagsFixture, teamsFixture } from '../testing/pane-fixtures.ts';
import { renderPane } from '../testing/render-pane.tsx';

const route = `/o/${ids.org}/inbox/mine/c/${paneIds.conversation}`;
const at = '2026-03-01T09:00:00.000Z';
const macro = (id: string, name: string): MacroItem => ({
  id,
  brandId: null,
  name,
  actions: [{ type: 'assign_self' }],
  createdAt: at,
  updatedAt: at,
});
const macrosFixture = [
  macro('0190a7e2-0000-7000-8000-00000000e001', 'Escalate to billing'),
  macro('0190a7e2-0000-7000-8000-00000000e002', 'Refund request'),
  macro('0190a7e2-0000-7000-8000-00000000e003', 'Thanks and close'),
];
const runResult = {
  id: paneIds.conversation,
  version: 8,
  status: 'resolved' as const,
  priority: 'normal' as const,
  assigneeUserId: ids.user,
  teamId: null,
  tagIds: [],
  snoozedUntil: null,
  resolvedAt: at,
};

function resolvers(overrides: Resolvers = {}): Resolvers {
  return {
    'auth.me': () => meFixture('agent'),
    'conversations.get': () => detailFixture(),
    'agents.list': () => agentsFixture,
    'tags.list': () => tagsFixture,
    'teams.list': () => teamsFixture,
    'brands.list': () => [],
    'conversations.presenceOf': () => ({ [paneIds.conversation]: [] }),
    'conversations.presence': () => ({ expiresAt: '2099-01-01T00:00:00.000Z' }),
    'macros.list': () => macrosFixture,
    ...overrides,
  };
}

/** What the `?` dialog lists (the registered shortcuts). */
function ShortcutProbe() {
  const list = useShortcutList();
  return (
    <ul aria-label="shortcuts">
      {list.map((s) => (
        <li key={`${s.group}-${s.keys}`}>{`${s.keys}: ${s.description}`}</li>
      ))}
    </ul>
  );
}

describe('macros in the conversation', { timeout: 15_000 }, () => {
  it('`m` lists the brand’s macros, numbered; a digit applies one with the version seen', async () => {
    const user = userEvent.setup();
    renderPane(route, resolvers({ 'macros.run': () => runResult }), <ShortcutProbe />);
    await screen.findByRole('group', { name: 'Status' });
    const help = screen.getByRole('list', { name: 'shortcuts' });
    expect(within(help).getByText('m: Apply a macro (then 1–9)')).toBeTruthy();
    await waitFor(() =>
      expect(callsTo('macros.list')[0]?.input).toEqual({ organizationId: ids.org, brandId: ids.brandSkyward }),
    );
    const gets = callsTo('conversations.get').length;

    await user.keyboard('m');
    const picker = await screen.findByRole('dialog', { name: 'Apply a macro' });
    expect(document.activeElement).toBe(within(picker).getByRole('combobox'));
    expect(
      within(picker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['1Escalate to billing', '2Refund request', '3Thanks and close']);
    await user.keyboard('2');
    await waitFor(() =>
      expect(callsTo('macros.run')[0]?.input).toEqual({
        organizationId: ids.org,
        conversationId: paneIds.conversation,
        expectedVersion: 7,
        macroId: macrosFixture[1]!.id,
      }),
    );
    expect(screen.queryByRole('dialog', { name: 'Apply a macro' })).toBeNull();
    // The conversation is refetched: notes and tags the macro added show up.
    await waitFor(() => expect(callsTo('conversations.get').length).toBeGreaterThan(gets));
  });

  it('filters by typing and applies with Enter; the Macros button does the same for the mouse', async () => {
    const user = userEvent.setup();
    renderPane(route, resolvers({ 'macros.run': () => runResult }));
    await user.click(await screen.findByRole('button', { name: 'Macros' }));
    const picker = screen.getByRole('dialog', { name: 'Apply a macro' });
    await user.keyboard('thanks');
    expect(within(picker).getAllByRole('option')).toHaveLength(1);
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(callsTo('macros.run')[0]?.input).toMatchObject({ macroId: macrosFixture[2]!.id, expectedVersion: 7 }),
    );
  });

  it('a stale macro says who changed the conversation, in words, like any other action', async () => {
    const user = userEvent.setup();
    renderPane(
      route,
      resolvers({
        'macros.run': () => {
          throw trpcError('CONFLICT', {
            details: {
              conflict: {
                actorName: null,
                what: 'set its priority to urgent',
                change: { kind: 'priority', to: 'urgent', assigneeName: null, ruleName: 'VIP', macroName: null },
                at: new Date(Date.now() - 5_000).toISOString(),
                currentVersion: 8,
              },
            },
          });
        },
      }),
    );
    await screen.findByRole('group', { name: 'Status' });
    await user.keyboard('m');
    await screen.findByRole('dialog', { name: 'Apply a macro' });
    await user.keyboard('1');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'Rule “VIP” set the priority to Urgent 5 seconds ago — your change was not applied.',
    );
  });

  it('says when the brand has no macro', async () => {
    const user = userEvent.setup();
    renderPane(route, resolvers({ 'macros.list': () => [] }));
    await screen.findByRole('group', { name: 'Status' });
    await waitFor(() => expect(callsTo('macros.list')).toHaveLength(1));
    await user.keyboard('m');
    const picker = await screen.findByRole('dialog', { name: 'Apply a macro' });
    expect(await within(picker).findByText(/No macro for this brand yet/)).toBeTruthy();
    await user.keyboard('1{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Apply a macro' })).toBeNull();
    expect(callsTo('macros.run')).toHaveLength(0);
  });
});
