import { WORKERS, type Access } from '../../trpc/policy-types.ts';

/**
 * Who may call each `notifications.*` procedure (spread into the policy matrix, src/trpc/policy.ts). Each caller
 * only ever sees their own; billing admins work no conversations and get none.
 */
export const NOTIFICATIONS_POLICY = {
  'notifications.list': WORKERS,
  'notifications.unreadCount': WORKERS,
  'notifications.markRead': WORKERS,
} as const satisfies Record<`notifications.${string}`, Access>;
