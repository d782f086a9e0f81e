import type { z } from 'zod';
import {
  businessCalendarSchema,
  PRIORITIES,
  type deleteSlaPolicyInput,
  type listSlaPoliciesInput,
  type SaveSlaPolicyResult,
  type saveSlaPolicyInput,
  type setBusinessCalendarInput,
  type SlaPolicyView,
  type SlaSettings,
} from '@perch/shared';
import type { Db, DbOrTx } from '../../db/database.ts';
import { notFound } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertBrandsInScope, seesBrand, type WorkspaceActor } from '../teams/workspace-actor.ts';
import { markBrandDirty, markBrandMetricsDirty } from './sla-clocks.repository.ts';
import {
  brandSettings,
  deletePolicy as removePolicy,
  findPolicy,
  findPolicyFor,
  listPolicies,
  setCalendar as storeCalendar,
  upsertPolicy,
  type SlaPolicyData,
  type SlaPolicyRow,
} from './sla-policies.repository.ts';

/**
 * SLA settings (docs/sla.md): a policy per brand and priority, and the brand's business-hours calendar. Every
 * change marks the brand's unresolved conversations for the SLA worker, which recomputes their due times within
 * seconds; clocks already hit or breached keep their outcome.
 */

const toView = (row: SlaPolicyRow): SlaPolicyView => ({
  id: row.id,
  brandId: row.brandId,
  priority: row.priority,
  name: row.name,
  firstResponseMinutes: row.firstResponseMinutes,
  nextResponseMinutes: row.nextResponseMinutes,
  resolutionMinutes: row.resolutionMinutes,
  businessHours: row.businessHours,
  warnAtPercent: row.warnAtPercent,
  updatedAt: row.updatedAt.toISOString(),
});

const auditView = (row: SlaPolicyRow | (SlaPolicyData & { brandId: string; priority: string })) => ({
  brandId: row.brandId,
  priority: row.priority,
  name: row.name,
  firstResponseMinutes: row.firstResponseMinutes,
  nextResponseMinutes: row.nextResponseMinutes,
  resolutionMinutes: row.resolutionMinutes,
  businessHours: row.businessHours,
  warnAtPercent: row.warnAtPercent,
});

const byPriority = (a: SlaPolicyRow, b: SlaPolicyRow) =>
  PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority);

async function brandInScope(db: DbOrTx, actor: WorkspaceActor, brandId: string) {
  await assertBrandsInScope(db, actor, [brandId]);
  const brand = await brandSettings(db, actor.organizationId, brandId);
  if (!brand) throw notFound('Brand');
  return brand;
}

export async function slaSettings(
  db: DbOrTx,
  actor: WorkspaceActor,
  input: z.output<typeof listSlaPoliciesInput>,
): Promise<SlaSettings> {
  const brand = await brandInScope(db, actor, input.brandId);
  const calendar = businessCalendarSchema.safeParse(brand.businessCalendar ?? null);
  const policies = await listPolicies(db, actor.organizationId, brand.id);
  return {
    brandId: brand.id,
    brandTimeZone: brand.timeZone,
    calendar: calendar.success ? calendar.data : null,
    policies: policies.sort(byPriority).map(toView),
  };
}

export function saveSlaPolicy(
  db: Db,
  actor: WorkspaceActor,
  input: z.output<typeof saveSlaPolicyInput>,
): Promise<SaveSlaPolicyResult> {
  const data: SlaPolicyData = {
    name: input.name,
    firstResponseMinutes: input.firstResponseMinutes,
    nextResponseMinutes: input.nextResponseMinutes,
    resolutionMinutes: input.resolutionMinutes,
    businessHours: input.businessHours,
    warnAtPercent: input.warnAtPercent,
  };
  return db.$transaction(async (tx) => {
    await brandInScope(tx, actor, input.brandId);
    const key = { organizationId: actor.organizationId, brandId: input.brandId, priority: input.priority };
    const before = await findPolicyFor(tx, key.organizationId, key.brandId, key.priority);
    const policy = await upsertPolicy(tx, key, data);
    const recomputing = await markBrandDirty(tx, actor.organizationId, input.brandId);
    await writeAudit(tx, actor, {
      action: 'sla.savePolicy',
      targetType: 'slaPolicy',
      targetId: policy.id,
      ...(before ? { before: auditView(before) } : {}),
      after: auditView(policy),
    });
    return { policy: toView(policy), recomputing };
  });
}

export function deleteSlaPolicy(
  db: Db,
  actor: WorkspaceActor,
  input: z.output<typeof deleteSlaPolicyInput>,
): Promise<{ id: string; recomputing: number }> {
  return db.$transaction(async (tx) => {
    const policy = await findPolicy(tx, actor.organizationId, input.policyId);
    // Another tenant's policy, or one of a brand the member does not see, reads as missing.
    if (!policy || !seesBrand(actor, policy.brandId)) throw notFound('SLA policy');
    await removePolicy(tx, actor.organizationId, policy.id);
    const recomputing = await markBrandDirty(tx, actor.organizationId, policy.brandId);
    await writeAudit(tx, actor, {
      action: 'sla.deletePolicy',
      targetType: 'slaPolicy',
      targetId: policy.id,
      before: auditView(policy),
    });
    return { id: policy.id, recomputing };
  });
}

export function setBusinessCalendar(
  db: Db,
  actor: WorkspaceActor,
  input: z.output<typeof setBusinessCalendarInput>,
): Promise<{ brandId: string; recomputing: number }> {
  return db.$transaction(async (tx) => {
    const brand = await brandInScope(tx, actor, input.brandId);
    await storeCalendar(tx, actor.organizationId, brand.id, input.calendar);
    const recomputing = await markBrandDirty(tx, actor.organizationId, brand.id);
    await markBrandMetricsDirty(tx, actor.organizationId, brand.id);
    await writeAudit(tx, actor, {
      action: 'sla.setCalendar',
      targetType: 'brand',
      targetId: brand.id,
      before: { calendar: (brand.businessCalendar ?? null) as object | null },
      after: { calendar: input.calendar },
    });
    return { brandId: brand.id, recomputing };
  });
}
