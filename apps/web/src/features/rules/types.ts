import type { AppRouter } from '@perch/server/router';
import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { isApiError } from '@/lib/trpc.ts';

type Api = TRPCOptionsProxy<AppRouter>;
export type KeywordRulesList = inferOutput<Api['rules']['listKeywordRules']>;
export type KeywordRule = KeywordRulesList['rules'][number];
export type RuleTeam = KeywordRulesList['teams'][number];
export type VipHandle = inferOutput<Api['rules']['listVips']>[number];

/** The input field a refusal is about (`error.data.details.field`), e.g. "actions", "phrase", "teamId". */
export function errorFieldOf(error: unknown): string | null {
  if (!isApiError(error)) return null;
  const field = error.data?.details?.['field'];
  return typeof field === 'string' ? field : null;
}
