import { WORKERS, type Access } from '../../trpc/policy-types.ts';

/**
 * Who may call each `savedViews.*` procedure (spread into the policy matrix, src/trpc/policy.ts). Everyone who
 * works conversations keeps personal views; sharing one with the organization (and changing a shared one) is
 * for managers, checked by the service.
 */
export const SAVED_VIEWS_POLICY = {
  'savedViews.list': WORKERS,
  'savedViews.create': WORKERS,
  'savedViews.update': WORKERS,
  'savedViews.delete': WORKERS,
  'savedViews.reorder': WORKERS,
} as const satisfies Record<`savedViews.${string}`, Access>;
