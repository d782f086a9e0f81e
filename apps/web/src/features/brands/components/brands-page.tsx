import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { useSelectedBrandId } from '@/lib/brand-param.ts';
import { useFormatDate } from '@/lib/format.ts';
import { isSupportedLocale } from '@/lib/i18n.ts';
import { useTRPC, type Brand } from '@/lib/trpc.ts';
import { BrandForm, type BrandValues } from './brand-form.tsx';
import { browserTimeZone } from './time-zone-select.tsx';
import { TableHead } from '@/components/table-head.tsx';

/** Settings → Brands: the organization's brands; owners and admins create and edit them. */
export function BrandsPage({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formatDate = useFormatDate();
  const [selectedBrandId] = useSelectedBrandId();
  const brands = useQuery(trpc.brands.list.queryOptions({ organizationId }));
  const [editing, setEditing] = useState<Brand | null>(null);
  const [notice, setNotice] = useState('');
  // A new form (fresh state) after each creation.
  const [createKey, setCreateKey] = useState(0);

  const affected = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.brands.list.queryFilter({ organizationId })),
      queryClient.invalidateQueries(trpc.audit.list.infiniteQueryFilter({ organizationId })),
    ]);
  const create = useMutation(
    trpc.brands.create.mutationOptions({
      onSuccess: async (brand) => {
        setNotice(t('brands.created', { name: brand.name }));
        setCreateKey((k) => k + 1);
        await affected();
      },
    }),
  );
  const update = useMutation(
    trpc.brands.update.mutationOptions({
      onSuccess: async (brand) => {
        setNotice(t('brands.updated', { name: brand.name }));
        setEditing(null);
        await affected();
      },
    }),
  );

  const toCreate = (v: BrandValues) =>
    create.mutate({
      organizationId,
      name: v.name,
      timeZone: v.timeZone,
      locale: v.locale,
      ...(v.handle ? { handle: v.handle } : {}),
    });
  const toUpdate = (brand: Brand, v: BrandValues) =>
    update.mutate({
      organizationId,
      brandId: brand.id,
      name: v.name,
      handle: v.handle || null,
      timeZone: v.timeZone,
      locale: v.locale,
    });

  return (
    <div className="stack">
      <PageHeader title={t('brands.title')} description={t('brands.description')} />
      <SuccessMessage>{notice}</SuccessMessage>
      <section className="card" aria-labelledby="brands-list">
        <h2 id="brands-list">{t('brands.listTitle')}</h2>
        {brands.isPending ? <Loading /> : null}
        <ErrorMessage error={brands.error} />
        {brands.data && brands.data.length === 0 ? <p className="muted">{t('brands.empty')}</p> : null}
        {brands.data && brands.data.length > 0 ? (
          <div className="table-wrap">
            <table className="table">
              <TableHead
                columns={[
                  t('brands.name'),
                  t('brands.handle'),
                  t('brands.timeZone'),
                  t('brands.locale'),
                  t('brands.createdAt'),
                ]}
                actions
              />
              <tbody>
                {brands.data.map((brand) => (
                  <tr key={brand.id} aria-current={brand.id === selectedBrandId ? 'true' : undefined}>
                    <td>{brand.name}</td>
                    <td>{brand.handle ? `@${brand.handle}` : '—'}</td>
                    <td>{brand.timeZone}</td>
                    <td>{isSupportedLocale(brand.locale) ? t(`languages.${brand.locale}`) : brand.locale}</td>
                    <td>{formatDate(brand.createdAt, { timeZone: brand.timeZone })}</td>
                    <td className="cell-actions">
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={t('brands.editBrand', { name: brand.name })}
                        onClick={() => {
                          update.reset();
                          setNotice('');
                          setEditing(brand);
                        }}
                      >
                        {t('common.edit')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      {editing ? (
        <section className="card" aria-labelledby="brand-edit">
          <h2 id="brand-edit">{t('brands.editTitle', { name: editing.name })}</h2>
          <BrandForm
            key={editing.id}
            label={t('brands.editTitle', { name: editing.name })}
            initial={{
              name: editing.name,
              handle: editing.handle ?? '',
              timeZone: editing.timeZone,
              locale: isSupportedLocale(editing.locale) ? editing.locale : 'en',
            }}
            submitLabel={t('common.save')}
            pending={update.isPending}
            error={update.error}
            onSubmit={(v) => toUpdate(editing, v)}
            onCancel={() => setEditing(null)}
          />
        </section>
      ) : null}

      <section className="card" aria-labelledby="brand-create">
        <h2 id="brand-create">{t('brands.createTitle')}</h2>
        <BrandForm
          key={createKey}
          label={t('brands.createTitle')}
          initial={{ name: '', handle: '', timeZone: browserTimeZone(), locale: 'en' }}
          submitLabel={t('brands.create')}
          pending={create.isPending}
          error={create.error}
          onSubmit={toCreate}
        />
      </section>
    </div>
  );
}
