import { useQuery } from '@tanstack/react-query';
import { Fragment, type ReactNode } from 'react';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { Loading } from '@/components/loading.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { BrandSelect } from '@/features/channels/components/brand-select.tsx';
import { useSelectedBrandId } from '@/lib/brand-param.ts';
import { useTRPC, type Brand } from '@/lib/trpc.ts';

/**
 * A settings page about one brand at a time (keyword rules, tags, automation): the header, a brand switcher kept
 * in the URL (`?brand=`, else the first brand), and the brand's section, remounted when the brand changes.
 */
export function BrandScopedPage(props: {
  organizationId: string;
  title: string;
  description: string;
  /** Shown when the organization has no brand yet. */
  noBrand: string;
  brandLabel: string;
  children: (brand: Brand) => ReactNode;
}) {
  const trpc = useTRPC();
  const brands = useQuery(trpc.brands.list.queryOptions({ organizationId: props.organizationId }));
  const [selectedBrandId, selectBrand] = useSelectedBrandId();
  const brandList = brands.data ?? [];
  const brand = brandList.find((b) => b.id === selectedBrandId) ?? brandList[0] ?? null;

  return (
    <div className="stack">
      <PageHeader title={props.title} description={props.description} />
      {brands.isPending ? <Loading /> : null}
      <ErrorMessage error={brands.error} />
      {brands.data && !brand ? <p className="muted">{props.noBrand}</p> : null}
      {brand ? (
        <>
          <div className="toolbar">
            <Field label={props.brandLabel}>
              <BrandSelect brands={brandList} value={brand.id} onChange={selectBrand} />
            </Field>
          </div>
          <Fragment key={brand.id}>{props.children(brand)}</Fragment>
        </>
      ) : null}
    </div>
  );
}
