import { MANAGERS, WORKERS, type Access } from '../../trpc/policy-types.ts';

/**
 * Who may call each `replies.*` procedure (spread into the policy matrix). Every worker sends, retries and cancels
 * (their own replies; managers any); managers review approvals and decide who needs them.
 */
export const REPLIES_POLICY = {
  'replies.send': WORKERS,
  'replies.retry': WORKERS,
  'replies.cancel': WORKERS,
  'replies.approvals': MANAGERS,
  'replies.approve': MANAGERS,
  'replies.reject': MANAGERS,
  'replies.setMemberApproval': MANAGERS,
  'replies.setBrandApproval': MANAGERS,
} as const satisfies Record<`replies.${string}`, Access>;
