import type { Locale } from '@perch/shared';
import type { CoreTranslation } from '../locales/core.en.ts';
import type { Translation } from '../locales/en.ts';
import type { PageTranslation } from '../locales/pages.en.ts';
import { Translator } from './translator.ts';

/** The interface languages (the same list as LOCALES in @perch/shared; a test keeps them equal). */
export const SUPPORTED_LOCALES = ['en', 'fr'] as const satisfies readonly Locale[];

export type { Translation } from '../locales/en.ts';
export type { TFunction, TranslationKey } from './translator.ts';
export { Translator as I18n } from './translator.ts';

/**
 * Each language is two chunks, fetched when used: the first load carries one language's core strings (shell,
 * inbox, conversation); the strings of the settings, audit, profile and invitation pages follow when one of those
 * pages opens (P8).
 */
const CORE_LOADERS: Record<Locale, () => Promise<CoreTranslation>> = {
  en: () => import('../locales/core.en.ts').then((m) => m.enCore),
  fr: () => import('../locales/core.fr.ts').then((m) => m.frCore),
};
const PAGE_LOADERS: Record<Locale, () => Promise<PageTranslation>> = {
  en: () => import('../locales/pages.en.ts').then((m) => m.enPages),
  fr: () => import('../locales/pages.fr.ts').then((m) => m.frPages),
};

/** A language's first-load strings (main.tsx). */
export function loadTranslation(lng: Locale): Promise<CoreTranslation> {
  return CORE_LOADERS[lng]();
}

/** A key of the page strings: present once they are loaded for a language. */
const PAGE_MARKER = 'members.title';
const hasPageStrings = (i18n: Translator, lng: string) => i18n.hasString(lng, PAGE_MARKER);
const pageLoads = new WeakMap<Translator, Map<string, Promise<void>>>();

/**
 * The page strings of the current language: null when loaded (or given at creation, as tests do), else the
 * promise of their loading (one per instance and language, so React's `use` can wait on it).
 */
export function pageStringsPending(i18n: Translator, lng: string = i18n.language): Promise<void> | null {
  if (hasPageStrings(i18n, lng)) return null;
  const loads = pageLoads.get(i18n) ?? new Map<string, Promise<void>>();
  pageLoads.set(i18n, loads);
  let load = loads.get(lng);
  if (!load) {
    const locale: Locale = isSupportedLocale(lng) ? lng : 'en';
    load = PAGE_LOADERS[locale]().then((pages) => {
      i18n.addStrings(lng, pages);
    });
    // A failed fetch (offline) may be retried by the next render that needs it.
    load.catch(() => loads.delete(lng));
    loads.set(lng, load);
  }
  return load;
}

export function isSupportedLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** The browser's preferred supported language (before the profile's locale is known), else English. */
export function browserLocale(languages: readonly string[] = navigator.languages ?? [navigator.language]): Locale {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isSupportedLocale(base)) return base;
  }
  return 'en';
}

/**
 * A fresh translator (one per app, one per test), synchronous: the app loads `lng`'s translation first
 * (loadTranslation); tests pass every language. React renders text, never HTML, so strings are not escaped.
 */
export function createI18n(
  lng: Locale,
  translations: Partial<Record<Locale, Translation | CoreTranslation>>,
): Translator {
  const tables = Object.entries(translations).filter((entry): entry is [Locale, Translation | CoreTranslation] =>
    Boolean(entry[1]),
  );
  return new Translator(lng, Object.fromEntries(tables));
}

/**
 * Switches to `lng`, fetching its strings first when they are not loaded yet: the core strings, and the page
 * strings too when the current language has them (a page that uses them may be open).
 */
export async function switchLanguage(i18n: Translator, lng: Locale): Promise<void> {
  if (!i18n.hasStrings(lng)) i18n.addStrings(lng, await loadTranslation(lng));
  if (hasPageStrings(i18n, i18n.language)) await pageStringsPending(i18n, lng);
  i18n.changeLanguage(lng);
}
