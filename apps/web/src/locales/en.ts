import { enCore } from './core.en.ts';
import { enPages } from './pages.en.ts';

/**
 * The whole English interface: its type is every key `t()` accepts, and tests load it at once. The app loads it
 * in two chunks: core.en.ts at start, pages.en.ts when a page that needs it opens (lib/i18n.ts).
 */
export const en = { ...enCore, ...enPages };
export type Translation = typeof en;
