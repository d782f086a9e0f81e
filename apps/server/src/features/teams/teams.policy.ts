import { MANAGERS, WORKERS, type Access } from '../../trpc/policy-types.ts';

/**
 * Who may call each `teams.*` procedure (spread into the policy matrix, src/trpc/policy.ts). Agents read teams
 * ("My team" view, routing) but cannot manage them.
 */
export const TEAMS_POLICY = {
  'teams.list': WORKERS,
  'teams.create': MANAGERS,
  'teams.update': MANAGERS,
  'teams.delete': MANAGERS,
  'teams.setMembers': MANAGERS,
} as const satisfies Record<`teams.${string}`, Access>;
