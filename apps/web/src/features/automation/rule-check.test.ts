import { createAutomationRuleInput } from '@perch/shared';
import { describe, expect, it } from 'vitest';
import { toRuleInput } from './rule-check.ts';
import { keyed, type ActionDraft, type ConditionDraft, type RuleDraft } from './rule-draft.ts';

const ids = {
  org: '0190a7e2-0000-7000-8000-00000000a001',
  brand: '0190a7e2-0000-7000-8000-00000000d001',
  tag: '0190a7e2-0000-7000-8000-0000000a7101',
};
const draft = (conditions: ConditionDraft[], actions: ActionDraft[] = [{ type: 'mark_spam' }]): RuleDraft => ({
  name: 'A rule',
  trigger: 'conversation_created',
  enabled: true,
  conditions: conditions.map(keyed),
  actions: actions.map(keyed),
});
/** What the server's schema says of the same rule (the form must agree with it). */
const serverAccepts = (conditions: unknown[], actions: unknown[] = [{ type: 'mark_spam' }]) =>
  createAutomationRuleInput.safeParse({
    organizationId: ids.org,
    brandId: ids.brand,
    name: 'A rule',
    trigger: 'conversation_created',
    conditions,
    actions,
  }).success;

describe('rule form checks mirror the server schema', () => {
  it('accepts what the server accepts, without the form keys', () => {
    const result = toRuleInput(
      draft(
        [
          { type: 'keywords', text: ' refund ,\nlost bag,refund, ' },
          { type: 'language', text: 'EN, fr es' },
          { type: 'followers', min: '', max: '5000' },
          { type: 'time_of_day', from: '22:00', to: '06:00', days: [5, 1, 0] },
        ],
        [
          { type: 'add_tag', tagId: ids.tag },
          { type: 'add_note', text: '  Check the refund policy.  ' },
        ],
      ),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.conditions).toEqual([
      { type: 'keywords', keywords: ['refund', 'lost bag'] },
      { type: 'language', languages: ['en', 'fr', 'es'] },
      { type: 'followers', max: 5000 },
      { type: 'time_of_day', from: '22:00', to: '06:00', days: [0, 1, 5] },
    ]);
    expect(result.value.actions).toEqual([
      { type: 'add_tag', tagId: ids.tag },
      { type: 'add_note', text: 'Check the refund policy.' },
    ]);
    expect(serverAccepts(result.value.conditions, result.value.actions)).toBe(true);
  });

  const refused: [string, ConditionDraft, unknown][] = [
    ['followersBound', { type: 'followers', min: '', max: '' }, { type: 'followers' }],
    ['followersOrder', { type: 'followers', min: '10', max: '5' }, { type: 'followers', min: 10, max: 5 }],
    ['followersInvalid', { type: 'followers', min: '-1', max: '' }, { type: 'followers', min: -1 }],
    [
      'timeSame',
      { type: 'time_of_day', from: '09:00', to: '09:00', days: [1] },
      { type: 'time_of_day', from: '09:00', to: '09:00', days: [1] },
    ],
    [
      'chooseDay',
      { type: 'time_of_day', from: '09:00', to: '10:00', days: [] },
      { type: 'time_of_day', from: '09:00', to: '10:00', days: [] },
    ],
    ['languageInvalid', { type: 'language', text: 'english' }, { type: 'language', languages: ['english'] }],
    ['keywordRequired', { type: 'keywords', text: ' , ' }, { type: 'keywords', keywords: [] }],
    ['chooseOne', { type: 'sentiment', sentiments: [] }, { type: 'sentiment', sentiments: [] }],
    ['chooseTag', { type: 'tags', match: 'none', tagIds: [] }, { type: 'tags', match: 'none', tagIds: [] }],
  ];
  it.each(refused)('refuses %s, as the server does', (key, condition, asSent) => {
    const result = toRuleInput(draft([condition]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.conditions[0]?.key).toBe(key);
    expect(serverAccepts([asSent])).toBe(false);
  });

  it('refuses a rule without actions, a blank name and a note with control characters; keeps paragraphs', () => {
    const result = toRuleInput({ ...draft([], []), name: '  ' });
    expect(result.ok || result.problems).toMatchObject({
      name: { key: 'nameRequired' },
      actionList: { key: 'actionRequired' },
    });
    const bad = toRuleInput(draft([], [{ type: 'add_note', text: 'colour \u001b[31m' }]));
    expect(bad.ok || bad.problems.actions[0]).toEqual({ key: 'controlCharacters' });
    expect(serverAccepts([], [{ type: 'add_note', text: 'colour \u001b[31m' }])).toBe(false);
    const paragraphs = toRuleInput(draft([], [{ type: 'add_note', text: 'line one\r\n\nline two' }]));
    expect(paragraphs.ok && paragraphs.value.actions).toEqual([{ type: 'add_note', text: 'line one\n\nline two' }]);
    expect(serverAccepts([], [{ type: 'add_note', text: 'line one\n\nline two' }])).toBe(true);
  });
});
