import { WORKERS, type Access } from '../../trpc/policy-types.ts';

/** Who may call each `inbox.*` procedure (spread into the policy matrix, src/trpc/policy.ts). */
export const INBOX_POLICY = {
  'inbox.list': WORKERS,
  'inbox.counts': WORKERS,
  'inbox.savedViewCounts': WORKERS,
  'inbox.search': WORKERS,
} as const satisfies Record<`inbox.${string}`, Access>;
