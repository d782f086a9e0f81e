import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc.ts';
import type { AutomationRule } from './types.ts';

/**
 * Optimistic changes to a brand's rule list: `change(rules, input)` shows at once; a refusal puts the list back.
 * Spread the result into a mutation's options.
 */
export function useOptimisticRules<I>(
  scope: { organizationId: string; brandId: string },
  change: (rules: AutomationRule[], input: I) => AutomationRule[],
) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { queryKey } = trpc.automation.list.queryOptions(scope);
  return {
    onMutate: async (input: I) => {
      await queryClient.cancelQueries(trpc.automation.list.queryFilter(scope));
      const before = queryClient.getQueryData(queryKey);
      if (before) queryClient.setQueryData(queryKey, change(before, input));
      return { before };
    },
    onError: (_error: unknown, _input: I, context: { before?: AutomationRule[] | undefined } | undefined) => {
      if (context?.before) queryClient.setQueryData(queryKey, context.before);
    },
  };
}

/** The rules in the order of `ruleIds` (each rule's position follows). */
export function inOrder(rules: AutomationRule[], { ruleIds }: { ruleIds: string[] }): AutomationRule[] {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  return ruleIds.flatMap((id, position) => {
    const rule = byId.get(id);
    return rule ? [{ ...rule, position }] : [];
  });
}

/** The rule switched on or off. */
export function withEnabled(rules: AutomationRule[], input: { ruleId: string; enabled?: boolean | undefined }) {
  return rules.map((rule) => (rule.id === input.ruleId ? { ...rule, enabled: input.enabled ?? rule.enabled } : rule));
}
