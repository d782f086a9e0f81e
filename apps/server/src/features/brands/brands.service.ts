import type { z } from 'zod';
import type { createBrandInput, updateBrandInput } from '@perch/shared';
import type { Db, DbOrTx } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { QUEUES, type Queue } from '../../queue/queue.ts';
import { writeAudit, type Actor } from '../audit/audit.repository.ts';
import type { RollupRebuildJob } from '../metrics/metrics.worker.ts';
import { countOwnBrands, createBrand, getBrand, updateBrand } from './brands.repository.ts';

/** Refuses ids of brands that are not the organization's (another tenant's id reads as missing). */
export async function assertOwnBrands(db: DbOrTx, organizationId: string, brandIds: string[]) {
  const unique = [...new Set(brandIds)];
  if (unique.length && (await countOwnBrands(db, organizationId, unique)) !== unique.length) throw notFound('Brand');
}

export function createBrandFor(
  db: Db,
  actor: Actor & { organizationId: string },
  input: z.output<typeof createBrandInput>,
) {
  return uniqueName(() =>
    db.$transaction(async (tx) => {
      const { organizationId: _org, ...data } = input;
      const brand = await createBrand(tx, actor.organizationId, data);
      await writeAudit(tx, actor, { action: 'brands.create', targetType: 'brand', targetId: brand.id, after: data });
      return brand;
    }),
  );
}

/**
 * Renames a brand or changes its handle, time zone or locale. A new time zone moves the brand's local days: its
 * rollups are rebuilt in the new zone by a `metrics.rebuild` job, added in the same transaction (docs/metrics.md).
 */
export function updateBrandFor(
  db: Db,
  queue: Pick<Queue, 'enqueueInTransaction'>,
  actor: Actor & { organizationId: string },
  input: z.output<typeof updateBrandInput>,
) {
  const { brandId, organizationId: _org, ...changes } = input;
  return uniqueName(() =>
    db.$transaction(async (tx) => {
      const before = await getBrand(tx, actor.organizationId, brandId);
      if (!before) throw notFound('Brand');
      const brand = await updateBrand(tx, brandId, changes);
      if (changes.timeZone !== undefined && changes.timeZone !== before.timeZone) {
        await queue.enqueueInTransaction(tx, QUEUES.metricsRebuild.name, {
          organizationId: actor.organizationId,
          brandId,
        } satisfies RollupRebuildJob);
      }
      await writeAudit(tx, actor, {
        action: 'brands.update',
        targetType: 'brand',
        targetId: brandId,
        before: { name: before.name, handle: before.handle, timeZone: before.timeZone, locale: before.locale },
        after: changes,
      });
      return brand;
    }),
  );
}

async function uniqueName<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError('CONFLICT', 'A brand with this name already exists');
    }
    throw error;
  }
}
