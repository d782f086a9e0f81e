import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '@perch/shared';
import conversationEn from '../locales/conversation.en.json';
import conversationFr from '../locales/conversation.fr.json';
import en from '../locales/en.json';
import fr from '../locales/fr.json';
import inboxEn from '../locales/inbox.en.json';
import inboxFr from '../locales/inbox.fr.json';
import workspaceSettingsEn from '../locales/workspace-settings.en.json';
import workspaceSettingsFr from '../locales/workspace-settings.fr.json';

/** The interface languages (the same list as LOCALES in @perch/shared; a test keeps them equal). */
export const SUPPORTED_LOCALES = ['en', 'fr'] as const satisfies readonly Locale[];

/**
 * One translation tree per language, merged from the shared file and the workspace features' files (each of
 * those owns its own top-level keys: inbox, conversation, notifications, tags, teams, …).
 */
const english = { ...en, ...inboxEn, ...conversationEn, ...workspaceSettingsEn };
const french = { ...fr, ...inboxFr, ...conversationFr, ...workspaceSettingsFr };
export const resources = { en: { translation: english }, fr: { translation: french } } as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: (typeof resources)['en'];
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

/** A fresh i18next instance (one per app, one per test), synchronous: resources are bundled. */
export function createI18n(lng: Locale = browserLocale()): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'en',
    supportedLngs: [...SUPPORTED_LOCALES],
    initAsync: false,
    // React renders text, never HTML: escaping again would show entities.
    interpolation: { escapeValue: false },
    returnNull: false,
    react: { useSuspense: false },
  });
  return instance;
}
