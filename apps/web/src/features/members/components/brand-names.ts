import type { TFunction } from '@/lib/i18n.ts';
import type { Brand } from '@/lib/trpc.ts';

/** "All brands" for an unrestricted member, else the names of the brands they are limited to. */
export function brandNames(brandIds: readonly string[], brands: readonly Brand[] | undefined, t: TFunction): string {
  if (brandIds.length === 0) return t('members.allBrands');
  const byId = new Map((brands ?? []).map((b) => [b.id, b.name]));
  return brandIds.map((id) => byId.get(id) ?? t('members.unknownBrand')).join(', ');
}
