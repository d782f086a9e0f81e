import { MANAGERS, WORKERS, type Access } from '../../trpc/policy-types.ts';

/** Who may call each `cannedReplies.*` procedure: every worker lists them (to insert); managers manage them. */
export const CANNED_REPLIES_POLICY = {
  'cannedReplies.list': WORKERS,
  'cannedReplies.create': MANAGERS,
  'cannedReplies.update': MANAGERS,
  'cannedReplies.delete': MANAGERS,
} as const satisfies Record<`cannedReplies.${string}`, Access>;
