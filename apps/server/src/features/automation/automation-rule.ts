import {
  AUTOMATION_LIMITS,
  AUTOMATION_TRIGGERS,
  automationActionSchema,
  automationConditionSchema,
  type AutomationRuleItem,
  type AutomationTrigger,
} from '@perch/shared';
import type { z } from 'zod';
import type { RuleRow } from './automation.repository.ts';

/** A stored rule read back through the schemas, and whether anything in its columns failed them. */
export interface ParsedRule {
  item: AutomationRuleItem;
  /** Some stored condition, action or the trigger did not parse: the engine never runs such a rule. */
  damaged: boolean;
}

function parseEach<S extends z.ZodType>(schema: S, value: unknown, max: number) {
  const list = Array.isArray(value) ? value.slice(0, max) : [];
  const parsed: z.output<S>[] = [];
  for (const entry of list) {
    const r = schema.safeParse(entry);
    if (r.success) parsed.push(r.data);
  }
  return { parsed, damaged: !Array.isArray(value) || parsed.length !== (value as unknown[]).length };
}

const isTrigger = (t: string): t is AutomationTrigger => (AUTOMATION_TRIGGERS as readonly string[]).includes(t);

/** Never trusts the JSON columns: every condition and action goes through its zod schema again. */
export function parseRule(row: RuleRow): ParsedRule {
  const conditions = parseEach(automationConditionSchema, row.conditions, AUTOMATION_LIMITS.conditionsPerRule);
  const actions = parseEach(automationActionSchema, row.actions, AUTOMATION_LIMITS.actionsPerRule);
  const trigger = isTrigger(row.trigger) ? row.trigger : null;
  return {
    damaged: conditions.damaged || actions.damaged || trigger === null || actions.parsed.length === 0,
    item: {
      id: row.id,
      brandId: row.brandId,
      name: row.name,
      trigger: trigger ?? 'conversation_updated',
      conditions: conditions.parsed,
      actions: actions.parsed,
      enabled: row.enabled,
      position: row.position,
      runCount: row.runCount,
      lastRunAt: row.lastRunAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    },
  };
}

export const toItem = (row: RuleRow): AutomationRuleItem => parseRule(row).item;

/** What the audit log keeps of a rule. */
export const auditView = (r: AutomationRuleItem) => ({
  brandId: r.brandId,
  name: r.name,
  trigger: r.trigger,
  enabled: r.enabled,
  position: r.position,
  conditions: r.conditions,
  actions: r.actions,
});
