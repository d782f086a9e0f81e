import type { AutomationTrigger } from '@perch/shared';
import type { DbOrTx, Tx } from '../../db/database.ts';
import type { Prisma } from '../../generated/prisma/client.ts';

/** The stored columns of a rule (conditions and actions still unparsed JSON: see automation-rule.ts). */
export const ruleSelect = {
  id: true,
  brandId: true,
  name: true,
  trigger: true,
  conditions: true,
  actions: true,
  enabled: true,
  position: true,
  runCount: true,
  lastRunAt: true,
  createdAt: true,
  updatedAt: true,
} as const;
export type RuleRow = Prisma.AutomationRuleGetPayload<{ select: typeof ruleSelect }>;

const byPosition = [
  { position: 'asc' },
  { id: 'asc' },
] as const satisfies Prisma.AutomationRuleOrderByWithRelationInput[];

/** The brand's rules in their order (at most AUTOMATION_LIMITS.rulesPerBrand exist). */
export function listRules(db: DbOrTx, organizationId: string, brandId: string) {
  return db.automationRule.findMany({
    where: { organizationId, brandId },
    select: ruleSelect,
    orderBy: [...byPosition],
    take: 500,
  });
}

export function getRule(db: DbOrTx, organizationId: string, ruleId: string) {
  return db.automationRule.findFirst({ where: { id: ruleId, organizationId }, select: ruleSelect });
}

/** How many rules the brand has, and the position after its last one. */
export async function brandRuleTail(db: DbOrTx, organizationId: string, brandId: string) {
  const agg = await db.automationRule.aggregate({
    where: { organizationId, brandId },
    _count: { _all: true },
    _max: { position: true },
  });
  return { count: agg._count._all, next: (agg._max.position ?? -1) + 1 };
}

export function createRule(
  db: DbOrTx,
  data: {
    organizationId: string;
    brandId: string;
    name: string;
    trigger: string;
    conditions: Prisma.InputJsonValue;
    actions: Prisma.InputJsonValue;
    enabled: boolean;
    position: number;
  },
) {
  return db.automationRule.create({ data, select: ruleSelect });
}

export function updateRule(
  db: DbOrTx,
  ruleId: string,
  data: {
    name?: string;
    trigger?: string;
    conditions?: Prisma.InputJsonValue;
    actions?: Prisma.InputJsonValue;
    enabled?: boolean;
  },
) {
  return db.automationRule.update({ where: { id: ruleId }, data, select: ruleSelect });
}

export function deleteRule(db: DbOrTx, ruleId: string) {
  return db.automationRule.delete({ where: { id: ruleId }, select: { id: true } });
}

export async function setPositions(db: DbOrTx, organizationId: string, orderedIds: readonly string[]) {
  for (const [position, id] of orderedIds.entries()) {
    await db.automationRule.updateMany({ where: { id, organizationId }, data: { position } });
  }
}

/**
 * The brands among `brandIds` with at least one enabled rule for the trigger: one index scan of
 * (organizationId, brandId, trigger, position), so ingest pays almost nothing when no rule exists.
 */
export async function brandsWithRules(
  db: DbOrTx,
  organizationId: string,
  brandIds: readonly string[],
  trigger: AutomationTrigger,
): Promise<Set<string>> {
  const rows = await db.automationRule.findMany({
    where: { organizationId, brandId: { in: [...brandIds] }, trigger, enabled: true },
    select: { brandId: true },
    distinct: ['brandId'],
  });
  return new Set(rows.map((r) => r.brandId));
}

/** The brand's enabled rules for the trigger, in order. */
export function enabledRules(db: DbOrTx, organizationId: string, brandId: string, trigger: AutomationTrigger) {
  return db.automationRule.findMany({
    where: { organizationId, brandId, trigger, enabled: true },
    select: ruleSelect,
    orderBy: [...byPosition],
    take: 500,
  });
}

export async function recordRuns(tx: Tx, organizationId: string, ruleIds: readonly string[], at: Date) {
  if (ruleIds.length === 0) return;
  await tx.automationRule.updateMany({
    where: { organizationId, id: { in: [...ruleIds] } },
    data: { runCount: { increment: 1 }, lastRunAt: at },
  });
}
