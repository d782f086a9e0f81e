import { describe, expect, it } from 'vitest';
import { Translator } from './translator.ts';

const en = {
  inbox: { title: 'Inbox', waiting_one: '{{count}} waiting', waiting_other: '{{count}} waiting for {{who}}' },
  only: { english: 'English only' },
};
const fr = {
  inbox: { title: 'Boîte', waiting_one: '{{count}} en attente', waiting_other: '{{count}} en attente ({{who}})' },
};
// The tests use keys outside the app's strings: the key type is the app's, so they go through a plain signature.
const translate = (i18n: Translator, key: string, options?: Record<string, unknown>) =>
  (i18n.t as (key: string, options?: Record<string, unknown>) => string)(key, options);

describe('Translator', () => {
  it('fills values and picks the plural form by the language’s rules (French 0 and 1 are singular)', () => {
    const i18n = new Translator('en', { en, fr });
    expect(translate(i18n, 'inbox.waiting', { count: 1 })).toBe('1 waiting');
    expect(translate(i18n, 'inbox.waiting', { count: 0, who: 'Ana' })).toBe('0 waiting for Ana');
    i18n.changeLanguage('fr');
    expect(translate(i18n, 'inbox.waiting', { count: 0 })).toBe('0 en attente');
    expect(translate(i18n, 'inbox.waiting', { count: 2, who: 'Ana' })).toBe('2 en attente (Ana)');
    // A count already formatted fills the text without choosing a form.
    expect(translate(i18n, 'inbox.title', { count: '1 234' })).toBe('Boîte');
  });

  it('falls back to English, then to the default value, then shows the key', () => {
    const i18n = new Translator('fr', { en, fr });
    expect(translate(i18n, 'only.english')).toBe('English only');
    expect(translate(i18n, 'rules.networks.mastodon', { defaultValue: 'mastodon' })).toBe('mastodon');
    expect(translate(i18n, 'no.such.key')).toBe('no.such.key');
    expect(i18n.exists('only.english')).toBe(true);
    expect(i18n.hasString('fr', 'only.english')).toBe(false);
  });

  it('adds strings without replacing those it has, and announces each change with a new t', () => {
    const i18n = new Translator('en', { en });
    const seen: string[] = [];
    const stop = i18n.subscribe((language) => seen.push(language));
    const before = i18n.t;
    i18n.addStrings('en', { inbox: { title: 'Replaced?', extra: 'Extra' }, pages: { members: 'Members' } });
    expect(translate(i18n, 'inbox.title')).toBe('Inbox');
    expect(translate(i18n, 'inbox.extra')).toBe('Extra');
    expect(translate(i18n, 'pages.members')).toBe('Members');
    expect(i18n.t).not.toBe(before);
    i18n.addStrings('fr', fr);
    i18n.changeLanguage('fr');
    i18n.changeLanguage('fr');
    stop();
    i18n.changeLanguage('en');
    // Two additions (the language still English), one change of language; the same language again is no change.
    expect(seen).toEqual(['en', 'en', 'fr']);
    // The tables given are never changed.
    expect(en.inbox).not.toHaveProperty('extra');
  });
});
