import type { Translation } from './en.ts';
import conversation from './conversation.fr.json';
import shared from './fr.json';
import inbox from './inbox.fr.json';
import workspaceSettings from './workspace-settings.fr.json';

/** The French interface (same keys as English: the type and a test check it). */
export const fr: Translation = { ...shared, ...inbox, ...conversation, ...workspaceSettings };
