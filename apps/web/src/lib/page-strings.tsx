import { use, type ReactNode } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { pageStringsPending } from './i18n.ts';

/**
 * Renders its children once the page strings of the current language are loaded (the nearest Suspense shows
 * its fallback meanwhile). Wraps the pages that are not part of the agent's first load (settings, audit, …).
 */
export function PageStrings({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const pending = pageStringsPending(i18n);
  if (pending) use(pending);
  return children;
}
