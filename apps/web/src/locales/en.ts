import conversation from './conversation.en.json';
import shared from './en.json';
import inbox from './inbox.en.json';
import workspaceSettings from './workspace-settings.en.json';

/**
 * The English interface: the shared file and the workspace features' files (each owns distinct top-level keys:
 * inbox, conversation, notifications, tags, teams, …). One chunk per language, loaded when the language is used.
 */
export const en = { ...shared, ...inbox, ...conversation, ...workspaceSettings };
export type Translation = typeof en;
