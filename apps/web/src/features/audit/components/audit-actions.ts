/**
 * Actions recorded in an organization's audit log (the procedure-style names the server writes), with the i18n
 * key of their label. Denied attempts are recorded under the path of the refused procedure.
 */
export const AUDIT_ACTION_LABELS = {
  'members.invite': 'audit.actions.membersInvite',
  'members.changeRole': 'audit.actions.membersChangeRole',
  'members.remove': 'audit.actions.membersRemove',
  'invitations.accept': 'audit.actions.invitationsAccept',
  'invitations.revoke': 'audit.actions.invitationsRevoke',
  'brands.create': 'audit.actions.brandsCreate',
  'brands.update': 'audit.actions.brandsUpdate',
  'channels.createX': 'audit.actions.channelsCreateX',
  'channels.createWebhook': 'audit.actions.channelsCreateWebhook',
  'channels.rotateWebhookSecret': 'audit.actions.channelsRotateWebhookSecret',
  'channels.configurePolling': 'audit.actions.channelsConfigurePolling',
  'channels.dismissGapWarning': 'audit.actions.channelsDismissGapWarning',
  'imports.upload': 'audit.actions.importsUpload',
  'jobs.retryDead': 'audit.actions.jobsRetryDead',
  'jobs.discardDead': 'audit.actions.jobsDiscardDead',
  'rules.createKeywordRule': 'audit.actions.rulesCreateKeywordRule',
  'rules.updateKeywordRule': 'audit.actions.rulesUpdateKeywordRule',
  'rules.deleteKeywordRule': 'audit.actions.rulesDeleteKeywordRule',
  'rules.reorderKeywordRules': 'audit.actions.rulesReorderKeywordRules',
  'rules.addVip': 'audit.actions.rulesAddVip',
  'rules.removeVip': 'audit.actions.rulesRemoveVip',
  'conversations.changeStatus': 'audit.actions.conversationsChangeStatus',
  'conversations.assign': 'audit.actions.conversationsAssign',
  'conversations.claim': 'audit.actions.conversationsClaim',
  'conversations.setTeam': 'audit.actions.conversationsSetTeam',
  'conversations.setPriority': 'audit.actions.conversationsSetPriority',
  'conversations.changeTags': 'audit.actions.conversationsChangeTags',
  'conversations.addNote': 'audit.actions.conversationsAddNote',
  'conversations.addCustomerNote': 'audit.actions.conversationsAddCustomerNote',
  'conversations.getNext': 'audit.actions.conversationsGetNext',
  'conversations.bulk': 'audit.actions.conversationsBulk',
  'notifications.markRead': 'audit.actions.notificationsMarkRead',
  'tags.create': 'audit.actions.tagsCreate',
  'tags.update': 'audit.actions.tagsUpdate',
  'tags.delete': 'audit.actions.tagsDelete',
  'teams.create': 'audit.actions.teamsCreate',
  'teams.update': 'audit.actions.teamsUpdate',
  'teams.delete': 'audit.actions.teamsDelete',
  'teams.setMembers': 'audit.actions.teamsSetMembers',
  'agents.setAvailability': 'audit.actions.agentsSetAvailability',
  'agents.setCapacity': 'audit.actions.agentsSetCapacity',
  'savedViews.create': 'audit.actions.savedViewsCreate',
  'savedViews.update': 'audit.actions.savedViewsUpdate',
  'savedViews.delete': 'audit.actions.savedViewsDelete',
  'savedViews.reorder': 'audit.actions.savedViewsReorder',
  'routing.setMode': 'audit.actions.routingSetMode',
  'automation.create': 'audit.actions.automationCreate',
  'automation.update': 'audit.actions.automationUpdate',
  'automation.delete': 'audit.actions.automationDelete',
  'automation.reorder': 'audit.actions.automationReorder',
  'macros.create': 'audit.actions.macrosCreate',
  'macros.update': 'audit.actions.macrosUpdate',
  'macros.delete': 'audit.actions.macrosDelete',
  'macros.run': 'audit.actions.macrosRun',
  'replies.send': 'audit.actions.repliesSend',
  'replies.retry': 'audit.actions.repliesRetry',
  'replies.cancel': 'audit.actions.repliesCancel',
  'replies.approve': 'audit.actions.repliesApprove',
  'replies.reject': 'audit.actions.repliesReject',
  'replies.setMemberApproval': 'audit.actions.repliesSetMemberApproval',
  'replies.setBrandApproval': 'audit.actions.repliesSetBrandApproval',
  'cannedReplies.create': 'audit.actions.cannedRepliesCreate',
  'cannedReplies.update': 'audit.actions.cannedRepliesUpdate',
  'cannedReplies.delete': 'audit.actions.cannedRepliesDelete',
  'channels.configureReplyWebhook': 'audit.actions.channelsConfigureReplyWebhook',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

/** Prefix filters (the server matches `action` by prefix). */
export const AUDIT_GROUP_LABELS = {
  'members.': 'audit.groups.members',
  'invitations.': 'audit.groups.invitations',
  'brands.': 'audit.groups.brands',
  'channels.': 'audit.groups.channels',
  'imports.': 'audit.groups.imports',
  'jobs.': 'audit.groups.jobs',
  'rules.': 'audit.groups.rules',
  'conversations.': 'audit.groups.conversations',
  'notifications.': 'audit.groups.notifications',
  'tags.': 'audit.groups.tags',
  'teams.': 'audit.groups.teams',
  'agents.': 'audit.groups.agents',
  'savedViews.': 'audit.groups.savedViews',
  'routing.': 'audit.groups.routing',
  'automation.': 'audit.groups.automation',
  'macros.': 'audit.groups.macros',
  'replies.': 'audit.groups.replies',
  'cannedReplies.': 'audit.groups.cannedReplies',
} as const;
export type AuditGroup = keyof typeof AUDIT_GROUP_LABELS;
export const AUDIT_GROUPS = Object.keys(AUDIT_GROUP_LABELS) as AuditGroup[];

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTION_LABELS, value);
}

export function isAuditFilter(value: string): value is AuditAction | AuditGroup {
  return isAuditAction(value) || Object.hasOwn(AUDIT_GROUP_LABELS, value);
}
