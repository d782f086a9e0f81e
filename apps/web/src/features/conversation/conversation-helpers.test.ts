import { describe, expect, it } from 'vitest';
import { matchAgents, mentionedIds, mentionQueryAt } from './mention-query.ts';
import { safeHttpUrl, splitRichText } from './rich-text.ts';
import { parseLocalDateTime, snoozeUntil, zonedInstant } from './snooze.ts';
import { conversationPath } from './components/customer-panel.tsx';

describe('rich text', () => {
  it('links only absolute http(s) URLs', () => {
    expect(safeHttpUrl('https://a.test/x')).toBe('https://a.test/x');
    expect(safeHttpUrl('http://a.test')).toBe('http://a.test/');
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<b>',
      '/relative',
      '//evil.test',
      '',
      null,
    ]) {
      expect(safeHttpUrl(bad)).toBeNull();
    }
  });

  it('splits text into text, links (without trailing punctuation) and mentions; never HTML', () => {
    expect(splitRichText('see https://a.test/x. <b>@Léa Martin</b> javascript:alert(1)', ['Léa Martin'])).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://a.test/x', href: 'https://a.test/x' },
      { kind: 'text', text: '. <b>' },
      { kind: 'mention', text: '@Léa Martin' },
      { kind: 'text', text: '</b> javascript:alert(1)' },
    ]);
  });
});

describe('mentions in the composer', () => {
  it('finds the @query before the caret', () => {
    expect(mentionQueryAt('hi @lé', 6)).toEqual({ start: 3, query: 'lé' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('mail a@b', 8)).toBeNull();
    expect(mentionQueryAt('hi @Léa Martin ', 15)).toBeNull();
  });

  it('matches any word of a name and keeps only mentions still in the text', () => {
    const agents = [{ name: 'Léa Martin' }, { name: 'Marc Dubois' }];
    expect(matchAgents(agents, 'mar').map((a) => a.name)).toEqual(['Léa Martin', 'Marc Dubois']);
    expect(matchAgents(agents, 'dub').map((a) => a.name)).toEqual(['Marc Dubois']);
    const inserted = new Map([
      ['u1', 'Léa Martin'],
      ['u2', 'Marc Dubois'],
    ]);
    expect(mentionedIds('thanks @Léa Martin', inserted)).toEqual(['u1']);
  });
});

describe('snooze presets', () => {
  const now = new Date('2026-03-06T22:30:00.000Z'); // Friday 23:30 in Paris, 17:30 in New York

  it('tomorrow 9:00 and next Monday 9:00 in the brand time zone', () => {
    expect(snoozeUntil('tomorrow', now, 'Europe/Paris').toISOString()).toBe('2026-03-07T08:00:00.000Z'); // Sat 9:00 CET
    expect(snoozeUntil('tomorrow', now, 'America/New_York').toISOString()).toBe('2026-03-07T14:00:00.000Z'); // Sat 9:00 EST
    expect(snoozeUntil('nextWeek', now, 'Europe/Paris').toISOString()).toBe('2026-03-09T08:00:00.000Z');
    // Across the US DST change (8 March 2026): Monday 9:00 EDT.
    expect(snoozeUntil('nextWeek', now, 'America/New_York').toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(snoozeUntil('1h', now).getTime() - now.getTime()).toBe(3_600_000);
    expect(snoozeUntil('4h', now, 'Not/AZone').getTime() - now.getTime()).toBe(4 * 3_600_000);
  });

  it('zoned instants and custom values', () => {
    expect(zonedInstant({ year: 2026, month: 7, day: 1, hour: 9 }, 'Europe/Paris').toISOString()).toBe(
      '2026-07-01T07:00:00.000Z',
    );
    expect(parseLocalDateTime('')).toBeNull();
    expect(parseLocalDateTime('2026-07-01T09:30')).toBeInstanceOf(Date);
  });
});

describe('conversation path', () => {
  it('replaces the open conversation, or appends one', () => {
    expect(conversationPath('/o/1/inbox/mine/c/abc', 'xyz')).toBe('/o/1/inbox/mine/c/xyz');
    expect(conversationPath('/o/1/inbox/mine', 'xyz')).toBe('/o/1/inbox/mine/c/xyz');
  });
});
