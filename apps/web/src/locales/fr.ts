import { frCore } from './core.fr.ts';
import type { Translation } from './en.ts';
import { frPages } from './pages.fr.ts';

/** The whole French interface (same keys as English: the type and a test check it). */
export const fr: Translation = { ...frCore, ...frPages };
