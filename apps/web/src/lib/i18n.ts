import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '@perch/shared';
import type { CoreTranslation } from '../locales/core.en.ts';
import type { Translation } from '../locales/en.ts';
import type { PageTranslation } from '../locales/pages.en.ts';

/** The interface languages (the same list as LOCALES in @perch/shared; a test keeps them equal). */
export const SUPPORTED_LOCALES = ['en', 'fr'] as const satisfies readonly Locale[];

export type { Translation } from '../locales/en.ts';

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

/** A top-level key of the page strings: present once they are loaded for a language. */
const PAGE_MARKER = 'members';
const pageLoads = new WeakMap<I18n, Map<string, Promise<void>>>();

/**
 * The page strings of the current language: null when loaded (or given at creation, as tests do), else the
 * promise of their loading (one per instance and language, so React's `use` can wait on it).
 */
export function pageStringsPending(i18n: I18n, lng: string = i18n.language): Promise<void> | null {
  if (i18n.getResource(lng, 'translation', PAGE_MARKER) !== undefined) return null;
  const loads = pageLoads.get(i18n) ?? new Map<string, Promise<void>>();
  pageLoads.set(i18n, loads);
  let load = loads.get(lng);
  if (!load) {
    const locale: Locale = isSupportedLocale(lng) ? lng : 'en';
    load = PAGE_LOADERS[locale]().then((pages) => {
      i18n.addResourceBundle(lng, 'translation', pages, true, false);
    });
    // A failed fetch (offline) may be retried by the next render that needs it.
    load.catch(() => loads.delete(lng));
    loads.set(lng, load);
  }
  return load;
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Translation };
  }
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
 * A fresh i18next instance (one per app, one per test), synchronous: the app loads `lng`'s translation first
 * (loadTranslation); tests pass every language.
 */
export function createI18n(lng: Locale, translations: Partial<Record<Locale, Translation | CoreTranslation>>): I18n {
  const instance = i18next.createInstance();
  const resources = Object.fromEntries(
    Object.entries(translations).map(([language, translation]) => [language, { translation }]),
  );
  void instance.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'en',
    supportedLngs: [...SUPPORTED_LOCALES],
    // Languages not loaded yet are added by switchLanguage.
    partialBundledLanguages: true,
    initAsync: false,
    // React renders text, never HTML: escaping again would show entities.
    interpolation: { escapeValue: false },
    returnNull: false,
    react: { useSuspense: false },
  });
  return instance;
}

/**
 * Switches to `lng`, fetching its strings first when they are not loaded yet: the core strings, and the page
 * strings too when the current language has them (a page that uses them may be open).
 */
export async function switchLanguage(i18n: I18n, lng: Locale): Promise<void> {
  if (!i18n.hasResourceBundle(lng, 'translation')) {
    i18n.addResourceBundle(lng, 'translation', await loadTranslation(lng), true, false);
  }
  if (i18n.getResource(i18n.language, 'translation', PAGE_MARKER) !== undefined) await pageStringsPending(i18n, lng);
  await i18n.changeLanguage(lng);
}
