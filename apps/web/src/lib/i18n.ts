import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '@perch/shared';
import type { Translation } from '../locales/en.ts';

/** The interface languages (the same list as LOCALES in @perch/shared; a test keeps them equal). */
export const SUPPORTED_LOCALES = ['en', 'fr'] as const satisfies readonly Locale[];

export type { Translation } from '../locales/en.ts';

/** Each language is its own chunk, fetched when used: the first load carries one language, not all (P8). */
const LOADERS: Record<Locale, () => Promise<Translation>> = {
  en: () => import('../locales/en.ts').then((m) => m.en),
  fr: () => import('../locales/fr.ts').then((m) => m.fr),
};

export function loadTranslation(lng: Locale): Promise<Translation> {
  return LOADERS[lng]();
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
export function createI18n(lng: Locale, translations: Partial<Record<Locale, Translation>>): I18n {
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

/** Switches to `lng`, fetching its translation first when it is not loaded yet. */
export async function switchLanguage(i18n: I18n, lng: Locale): Promise<void> {
  if (!i18n.hasResourceBundle(lng, 'translation')) {
    i18n.addResourceBundle(lng, 'translation', await loadTranslation(lng));
  }
  await i18n.changeLanguage(lng);
}
