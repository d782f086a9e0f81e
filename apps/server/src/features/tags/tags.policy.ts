import { MANAGERS, WORKERS, type Access } from '../../trpc/policy-types.ts';

/**
 * Who may call each `tags.*` procedure (spread into the policy matrix, src/trpc/policy.ts). Agents read tags
 * (to tag conversations) but cannot manage them.
 */
export const TAGS_POLICY = {
  'tags.list': WORKERS,
  'tags.usage': MANAGERS,
  'tags.create': MANAGERS,
  'tags.update': MANAGERS,
  'tags.delete': MANAGERS,
} as const satisfies Record<`tags.${string}`, Access>;
