import type { AutomationActionType, AutomationCondition } from '@perch/shared';
import type { AppRouter } from '@perch/server/router';
import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { isApiError } from '@/lib/trpc.ts';

type Api = TRPCOptionsProxy<AppRouter>;
export type AutomationRule = inferOutput<Api['automation']['list']>[number];
export type ConditionType = AutomationCondition['type'];

/** The order conditions and actions are offered in the "Add …" menus. */
export const CONDITION_TYPES = [
  'channel',
  'keywords',
  'language',
  'sentiment',
  'priority',
  'tags',
  'vip',
  'followers',
  'time_of_day',
] as const satisfies readonly ConditionType[];
export const ACTION_TYPES = [
  'add_tag',
  'set_priority',
  'assign_team',
  'assign_agent',
  'add_note',
  'notify',
  'mark_spam',
] as const satisfies readonly AutomationActionType[];

/** Sunday first, as the server counts days (0 = Sunday … 6 = Saturday); shown Monday first. */
export const WEEKDAYS_MONDAY_FIRST = [1, 2, 3, 4, 5, 6, 0] as const;

/** What a rule refers to by id, by id: names for the summaries, options for the form (the brand's only). */
export interface RuleReferents {
  tags: readonly { id: string; name: string }[];
  teams: readonly { id: string; name: string }[];
  members: readonly { userId: string; name: string }[];
  channels: readonly { id: string; name: string }[];
  timeZone: string;
}

/** The input field a refusal is about (`error.data.details.field`), e.g. "name", "actions", "conditions". */
export function errorFieldOf(error: unknown): string | null {
  if (!isApiError(error)) return null;
  const field = error.data?.details?.['field'];
  return typeof field === 'string' ? field : null;
}

/** What a rule refers to and the server may no longer find ("Tag not found"). */
export const REFERENT_KINDS = ['Tag', 'Team', 'Member', 'Channel'] as const;
export type ReferentKind = (typeof REFERENT_KINDS)[number];

/** The kind of thing a NOT_FOUND names, when it is one a rule refers to (else the rule or brand itself is gone). */
export function missingKindOf(error: unknown): ReferentKind | null {
  if (!isApiError(error) || error.data?.perchCode !== 'NOT_FOUND') return null;
  const named = error.data.details?.['kind'] ?? error.message.split(' ')[0];
  return REFERENT_KINDS.find((kind) => kind === named) ?? null;
}
