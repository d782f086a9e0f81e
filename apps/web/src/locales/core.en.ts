import conversation from './conversation.en.json';
import shared from './en.json';
import inbox from './inbox.en.json';
import replies from './replies.en.json';
import workspace from './workspace-settings.en.json';

/**
 * The English strings of the first load: the shell, the inbox and the conversation (each file owns distinct
 * top-level keys). The settings pages' strings are in pages.en.ts, fetched when such a page opens (P8).
 */
export const enCore = { ...shared, ...inbox, ...conversation, ...workspace, ...replies };
export type CoreTranslation = typeof enCore;
