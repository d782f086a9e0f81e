import type { z } from 'zod';
import type { BrandRouting, setAssignmentModeInput } from '@perch/shared';
import type { Db } from '../../db/database.ts';
import type { Queue } from '../../queue/queue.ts';
import { notFound } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { seesBrand, type WorkspaceActor } from '../teams/workspace-actor.ts';
import { brandModes, findBrandMode, setBrandMode } from './routing.repository.ts';
import { requestRouting } from './routing-triggers.ts';

/** Each brand the member may see, with how its waiting conversations are assigned. */
export async function routingSettingsOf(db: Db, actor: WorkspaceActor): Promise<BrandRouting[]> {
  const brands = await brandModes(db, actor.organizationId, actor.brandIds);
  return brands.map((b) => ({ brandId: b.id, name: b.name, assignmentMode: b.assignmentMode }));
}

/** A brand's assignment mode (audited); switching to an automatic mode routes its backlog right away. */
export async function setModeFor(
  deps: { db: Db; queue: Queue },
  actor: WorkspaceActor,
  input: z.output<typeof setAssignmentModeInput>,
): Promise<BrandRouting> {
  const result = await deps.db.$transaction(async (tx) => {
    const before = seesBrand(actor, input.brandId)
      ? await findBrandMode(tx, actor.organizationId, input.brandId)
      : null;
    if (!before) throw notFound('Brand');
    await setBrandMode(tx, actor.organizationId, before.id, input.mode);
    await writeAudit(tx, actor, {
      action: 'routing.setMode',
      targetType: 'brand',
      targetId: before.id,
      before: { assignmentMode: before.assignmentMode },
      after: { assignmentMode: input.mode },
    });
    const [brand] = await brandModes(tx, actor.organizationId, [before.id]);
    return { brandId: brand!.id, name: brand!.name, assignmentMode: brand!.assignmentMode };
  });
  await requestRouting(deps, actor.organizationId, [result.brandId]);
  return result;
}
