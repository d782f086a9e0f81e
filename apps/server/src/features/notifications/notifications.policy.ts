import { ALL, type Access } from '../../trpc/policy-types.ts';

/**
 * Who may call each `notifications.*` procedure (spread into the policy matrix, src/trpc/policy.ts). Each caller
 * only ever sees their own; billing admins work no conversations: they see only billing notifications (quota
 * warnings), never one about a conversation (notifications.service.ts).
 */
export const NOTIFICATIONS_POLICY = {
  'notifications.list': ALL,
  'notifications.unreadCount': ALL,
  'notifications.markRead': ALL,
} as const satisfies Record<`notifications.${string}`, Access>;
