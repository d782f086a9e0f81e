import type { ConversationDetail, TimelineEvent } from '@perch/shared';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createI18n } from '@/lib/i18n.ts';
import { en } from '@/locales/en.ts';
import { fr } from '@/locales/fr.ts';
import { ids, meFixture } from '@/testing/fixtures.ts';
import type { Resolvers } from '@/testing/trpc-mock.ts';
import { describeEvent, type TimelineNames } from '../timeline-text.ts';
import { agentsFixture, detailFixture, paneIds, tagsFixture, teamsFixture, XSS } from '../testing/pane-fixtures.ts';
import { renderPane } from '../testing/render-pane.tsx';

const route = `/o/${ids.org}/inbox/mine/c/${paneIds.conversation}`;
const ruleId = '0190a7e2-0000-7000-8000-00000000e301';

// Ids of their own: the base fixture's timeline already uses '1'–'4' (React keys must be unique).
const event = (n: number, type: string, data: Record<string, unknown>, actor?: [string, string]): TimelineEvent => ({
  id: `auto-${n}`,
  type,
  at: `2026-03-01T10:0${n}:00.000Z`,
  actorUserId: actor?.[0] ?? null,
  actorName: actor?.[1] ?? null,
  data,
});
const automationEvents: TimelineEvent[] = [
  event(1, 'automation_ran', {
    ruleId,
    ruleName: 'VIP escalation',
    trigger: 'mention_received',
    actions: ['add_tag', 'set_priority', 'add_note'],
  }),
  event(2, 'tags_changed', { ruleId, added: [paneIds.tagRefund], removed: [] }),
  event(3, 'macro_applied', { macroId: 'm1', macroName: 'Refund request' }, [paneIds.lea, 'Léa Martin']),
  event(4, 'automation_ran', { ruleId, ruleName: 'Quiet rule', trigger: 'conversation_updated', actions: [] }),
];

function withAutomation(): ConversationDetail {
  const detail = detailFixture();
  return {
    ...detail,
    thread: [
      ...detail.thread,
      {
        kind: 'note',
        id: 'n2',
        at: '2026-03-01T10:01:00.000Z',
        text: `VIP customer: answer within the hour ${XSS}`,
        authorUserId: null,
        authorName: 'Olivia Owner',
        mentionedUserIds: [],
        automationRule: { id: ruleId, name: `VIP escalation ${XSS}` },
      },
    ],
    timeline: [...detail.timeline, ...automationEvents],
  };
}

function resolvers(): Resolvers {
  return {
    'auth.me': () => meFixture('agent'),
    'conversations.get': () => withAutomation(),
    'agents.list': () => agentsFixture,
    'tags.list': () => tagsFixture,
    'teams.list': () => teamsFixture,
    'brands.list': () => [],
    'conversations.presenceOf': () => ({ [paneIds.conversation]: [] }),
    'conversations.presence': () => ({ expiresAt: '2099-01-01T00:00:00.000Z' }),
    'macros.list': () => [],
  };
}

describe('automation in the conversation', { timeout: 15_000 }, () => {
  it('a rule’s note is authored by the rule, not by a person', async () => {
    const { container } = renderPane(route, resolvers());
    const thread = await screen.findByRole('list', { name: 'Messages and notes' });
    const note = within(thread).getByRole('listitem', {
      name: `Internal note by the automation rule VIP escalation ${XSS}`,
    });
    expect(note.classList.contains('thread-automation')).toBe(true);
    expect(within(note).getByText(`Automation · VIP escalation ${XSS}`)).toBeTruthy();
    // Whoever set the rule up is not shown as its author.
    expect(within(note).queryByText('Olivia Owner')).toBeNull();
    expect(container.querySelector('img, script')).toBeNull();
    // A person's note is unchanged.
    expect(within(thread).getByRole('listitem', { name: 'Internal note by Léa Martin' })).toBeTruthy();
  });

  it('the timeline says what rules and macros did', async () => {
    const user = userEvent.setup();
    renderPane(route, resolvers());
    await user.click(await screen.findByRole('tab', { name: 'Timeline' }));
    const timeline = screen.getByRole('list', { name: 'Timeline' });
    expect(
      within(timeline).getByText('Rule “VIP escalation” ran: added a tag, set the priority, added a note'),
    ).toBeTruthy();
    expect(within(timeline).getByText('Automation changed the tags: +refund')).toBeTruthy();
    expect(within(timeline).getByText('Léa Martin applied the macro “Refund request”')).toBeTruthy();
    expect(within(timeline).getByText('Rule “Quiet rule” ran (nothing to change)')).toBeTruthy();
    expect(timeline.textContent).not.toContain('Someone');
  });

  it('reads in French too', () => {
    const i18n = createI18n('fr', { en, fr });
    const names: TimelineNames = {
      user: () => undefined,
      team: () => undefined,
      tag: () => 'remboursement',
      date: (d) => d,
    };
    expect(describeEvent(automationEvents[0]!, names, i18n.t)).toBe(
      'La règle « VIP escalation » s’est appliquée : a ajouté une étiquette, a défini la priorité, a ajouté une note',
    );
    expect(describeEvent(automationEvents[1]!, names, i18n.t)).toBe(
      'L’automatisation a modifié les étiquettes : +remboursement',
    );
    expect(describeEvent(automationEvents[2]!, names, i18n.t)).toBe(
      'Léa Martin a appliqué la macro « Refund request »',
    );
  });
});
