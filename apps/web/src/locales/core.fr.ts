import conversation from './conversation.fr.json';
import type { CoreTranslation } from './core.en.ts';
import shared from './fr.json';
import inbox from './inbox.fr.json';
import replies from './replies.fr.json';
import workspace from './workspace-settings.fr.json';

/** The French strings of the first load (same keys as core.en.ts: the type and a test check it). */
export const frCore: CoreTranslation = { ...shared, ...inbox, ...conversation, ...workspace, ...replies };
