import type { z } from 'zod';
import {
  AUTOMATION_LIMITS,
  type AutomationRuleItem,
  type createAutomationRuleInput,
  type reorderAutomationRulesInput,
  type updateAutomationRuleInput,
} from '@perch/shared';
import type { DbOrTx, Tx } from '../../db/database.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertBrandsInScope, seesBrand, type WorkspaceActor } from '../teams/workspace-actor.ts';
import { assertReferents } from './automation-referents.ts';
import { auditView, toItem } from './automation-rule.ts';
import {
  brandRuleTail,
  createRule,
  deleteRule,
  getRule,
  listRules,
  setPositions,
  updateRule,
} from './automation.repository.ts';

/** Runs `fn` in a transaction (or in the caller's, when `db` already is one). */
function inTransaction<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return '$transaction' in db ? db.$transaction(fn) : fn(db);
}

/** A rule of a brand the member may see; another tenant's or another brand's reads as missing. */
async function ruleInScope(db: DbOrTx, actor: WorkspaceActor, ruleId: string) {
  const row = await getRule(db, actor.organizationId, ruleId);
  if (!row || !seesBrand(actor, row.brandId)) throw notFound('Automation rule');
  return row;
}

export async function automationRulesOf(
  db: DbOrTx,
  actor: WorkspaceActor,
  brandId: string,
): Promise<AutomationRuleItem[]> {
  await assertBrandsInScope(db, actor, [brandId]);
  return (await listRules(db, actor.organizationId, brandId)).map(toItem);
}

/** Added at the end of the brand's order; every id it names must be usable on the brand (else NOT_FOUND). */
export function createAutomationRule(
  db: DbOrTx,
  actor: WorkspaceActor,
  input: z.output<typeof createAutomationRuleInput>,
): Promise<AutomationRuleItem> {
  return inTransaction(db, async (tx) => {
    await assertBrandsInScope(tx, actor, [input.brandId]);
    await assertReferents(tx, actor.organizationId, input.brandId, input.conditions, input.actions);
    const tail = await brandRuleTail(tx, actor.organizationId, input.brandId);
    if (tail.count >= AUTOMATION_LIMITS.rulesPerBrand) {
      throw new DomainError('VALIDATION', `A brand can have at most ${AUTOMATION_LIMITS.rulesPerBrand} rules`);
    }
    const rule = toItem(
      await createRule(tx, {
        organizationId: actor.organizationId,
        brandId: input.brandId,
        name: input.name,
        trigger: input.trigger,
        conditions: input.conditions,
        actions: input.actions,
        enabled: input.enabled,
        position: tail.next,
      }),
    );
    await writeAudit(tx, actor, {
      action: 'automation.create',
      targetType: 'automation_rule',
      targetId: rule.id,
      after: auditView(rule),
    });
    return rule;
  });
}

/** Re-validates what it names against the rule's brand (conditions and actions replace the old ones whole). */
export function updateAutomationRule(
  db: DbOrTx,
  actor: WorkspaceActor,
  input: z.output<typeof updateAutomationRuleInput>,
): Promise<AutomationRuleItem> {
  return inTransaction(db, async (tx) => {
    const before = toItem(await ruleInScope(tx, actor, input.ruleId));
    const conditions = input.conditions ?? before.conditions;
    const actions = input.actions ?? before.actions;
    await assertReferents(tx, actor.organizationId, before.brandId, conditions, actions);
    const rule = toItem(
      await updateRule(tx, before.id, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.trigger !== undefined && { trigger: input.trigger }),
        ...(input.conditions !== undefined && { conditions: input.conditions }),
        ...(input.actions !== undefined && { actions: input.actions }),
        ...(input.enabled !== undefined && { enabled: input.enabled }),
      }),
    );
    await writeAudit(tx, actor, {
      action: 'automation.update',
      targetType: 'automation_rule',
      targetId: rule.id,
      before: auditView(before),
      after: auditView(rule),
    });
    return rule;
  });
}

/** Notes a rule wrote keep its name (Note.automationRuleName); its timeline events keep its id and name. */
export function deleteAutomationRule(db: DbOrTx, actor: WorkspaceActor, ruleId: string): Promise<{ id: string }> {
  return inTransaction(db, async (tx) => {
    const before = toItem(await ruleInScope(tx, actor, ruleId));
    await deleteRule(tx, before.id);
    await writeAudit(tx, actor, {
      action: 'automation.delete',
      targetType: 'automation_rule',
      targetId: before.id,
      before: auditView(before),
    });
    return { id: before.id };
  });
}

/** The new order must list every rule of the brand exactly once. */
export function reorderAutomationRules(
  db: DbOrTx,
  actor: WorkspaceActor,
  input: z.output<typeof reorderAutomationRulesInput>,
): Promise<AutomationRuleItem[]> {
  return inTransaction(db, async (tx) => {
    await assertBrandsInScope(tx, actor, [input.brandId]);
    const current = await listRules(tx, actor.organizationId, input.brandId);
    const own = new Set(current.map((r) => r.id));
    // An id that is not one of the brand's rules (another brand's, another tenant's) reads as missing.
    if (input.ruleIds.some((id) => !own.has(id))) throw notFound('Automation rule');
    if (new Set(input.ruleIds).size !== input.ruleIds.length || input.ruleIds.length !== current.length) {
      throw new DomainError('VALIDATION', 'List every rule of the brand exactly once', { field: 'ruleIds' });
    }
    await setPositions(tx, actor.organizationId, input.ruleIds);
    await writeAudit(tx, actor, {
      action: 'automation.reorder',
      targetType: 'brand',
      targetId: input.brandId,
      before: { ruleIds: current.map((r) => r.id) },
      after: { ruleIds: input.ruleIds },
    });
    return (await listRules(tx, actor.organizationId, input.brandId)).map(toItem);
  });
}
