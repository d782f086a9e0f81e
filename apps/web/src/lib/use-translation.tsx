import { createContext, use, useCallback, useSyncExternalStore, type ReactNode } from 'react';
import type { TFunction, Translator } from './translator.ts';

const TranslatorContext = createContext<Translator | null>(null);

/** Gives the app (or a test) its translator. */
export function I18nProvider({ i18n, children }: { i18n: Translator; children: ReactNode }) {
  return <TranslatorContext value={i18n}>{children}</TranslatorContext>;
}

/**
 * The current language's `t` and the translator. The component renders again when the language changes or
 * strings arrive (`t` is then a new function).
 */
export function useTranslation(): { t: TFunction; i18n: Translator } {
  const i18n = use(TranslatorContext);
  if (!i18n) throw new Error('useTranslation needs an I18nProvider above it');
  const subscribe = useCallback((onChange: () => void) => i18n.subscribe(onChange), [i18n]);
  const t = useSyncExternalStore(subscribe, () => i18n.t);
  return { t, i18n };
}
