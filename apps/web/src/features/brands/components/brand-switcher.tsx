import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { useSelectedBrandId } from '@/lib/brand-param.ts';
import { useTRPC } from '@/lib/trpc.ts';

/** Picks the brand to work on; the choice is kept in the URL (`?brand=<id>`). */
export function BrandSwitcher({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const id = useId();
  const brands = useQuery(trpc.brands.list.queryOptions({ organizationId }));
  const [brandId, selectBrand] = useSelectedBrandId();
  const list = brands.data ?? [];
  const selected = list.some((b) => b.id === brandId) ? brandId : '';
  return (
    <div className="switcher">
      <label htmlFor={id}>{t('shell.brand')}</label>
      <select
        id={id}
        value={selected ?? ''}
        disabled={!brands.data}
        onChange={(e) => selectBrand(e.target.value || null)}
      >
        <option value="">{t('shell.allBrands')}</option>
        {list.map((brand) => (
          <option key={brand.id} value={brand.id}>
            {brand.name}
          </option>
        ))}
      </select>
    </div>
  );
}
