import { WORKERS, type Access } from '../../trpc/policy-types.ts';

/**
 * Who may call each `conversations.*` procedure (spread into the policy matrix, src/trpc/policy.ts): those who
 * work conversations. A billing admin never sees them.
 */
export const CONVERSATIONS_POLICY = {
  'conversations.get': WORKERS,
  'conversations.changeStatus': WORKERS,
  'conversations.assign': WORKERS,
  'conversations.claim': WORKERS,
  'conversations.setTeam': WORKERS,
  'conversations.setPriority': WORKERS,
  'conversations.changeTags': WORKERS,
  'conversations.addNote': WORKERS,
  'conversations.addCustomerNote': WORKERS,
  'conversations.getNext': WORKERS,
  'conversations.bulk': WORKERS,
  'conversations.presence': WORKERS,
  'conversations.presenceOf': WORKERS,
} as const satisfies Record<`conversations.${string}`, Access>;
