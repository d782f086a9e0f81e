import type { DbOrTx } from '../../db/database.ts';

const brandSelect = {
  id: true,
  name: true,
  handle: true,
  timeZone: true,
  locale: true,
  requiresApproval: true,
  createdAt: true,
} as const;

export function listBrands(db: DbOrTx, organizationId: string, onlyIds?: string[]) {
  return db.brand.findMany({
    where: { organizationId, ...(onlyIds?.length ? { id: { in: onlyIds } } : {}) },
    select: brandSelect,
    orderBy: { name: 'asc' },
    take: 500,
  });
}

export function getBrand(db: DbOrTx, organizationId: string, brandId: string) {
  return db.brand.findFirst({ where: { id: brandId, organizationId }, select: brandSelect });
}

/** How many of `brandIds` belong to the organization (to refuse foreign ids nested in inputs). */
export function countOwnBrands(db: DbOrTx, organizationId: string, brandIds: string[]) {
  return db.brand.count({ where: { organizationId, id: { in: brandIds } } });
}

export function createBrand(
  db: DbOrTx,
  organizationId: string,
  data: { name: string; handle?: string | undefined; timeZone: string; locale: string },
) {
  return db.brand.create({ data: { organizationId, ...data, handle: data.handle ?? null }, select: brandSelect });
}

export function updateBrand(
  db: DbOrTx,
  brandId: string,
  data: {
    name?: string | undefined;
    handle?: string | null | undefined;
    timeZone?: string | undefined;
    locale?: string | undefined;
  },
) {
  return db.brand.update({ where: { id: brandId }, data, select: brandSelect });
}
