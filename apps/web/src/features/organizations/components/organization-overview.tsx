import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { useSelectedBrandId } from '@/lib/brand-param.ts';
import { useFormatDate } from '@/lib/format.ts';
import { useTRPC, type Organization } from '@/lib/trpc.ts';
import { TableHead } from '@/components/table-head.tsx';

/** The organization's home: who you are in it and the brands you work on (with their local time). */
export function OrganizationOverview({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const formatDate = useFormatDate();
  const [selectedBrandId] = useSelectedBrandId();
  const brands = useQuery(trpc.brands.list.queryOptions({ organizationId: organization.id }));
  const now = new Date();

  return (
    <div className="stack">
      <PageHeader title={organization.name} description={t('overview.description')} />
      <section className="card" aria-labelledby="overview-membership">
        <h2 id="overview-membership">{t('overview.membership')}</h2>
        <dl className="summary">
          <dt>{t('overview.yourRole')}</dt>
          <dd data-testid="my-role">{t(`roles.${organization.myRole}`)}</dd>
          <dt>{t('overview.slug')}</dt>
          <dd>{organization.slug}</dd>
          <dt>{t('overview.currency')}</dt>
          <dd>{organization.currency}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="overview-brands">
        <h2 id="overview-brands">{t('overview.brands')}</h2>
        {brands.isPending ? <Loading /> : null}
        <ErrorMessage error={brands.error} />
        {brands.data && brands.data.length === 0 ? <p className="muted">{t('overview.noBrands')}</p> : null}
        {brands.data && brands.data.length > 0 ? (
          <table className="table">
            <TableHead
              columns={[t('brands.name'), t('brands.handle'), t('brands.timeZone'), t('overview.localTime')]}
            />
            <tbody>
              {brands.data.map((brand) => (
                <tr key={brand.id} aria-current={brand.id === selectedBrandId ? 'true' : undefined}>
                  <td>{brand.name}</td>
                  <td>{brand.handle ? `@${brand.handle}` : '—'}</td>
                  <td>{brand.timeZone}</td>
                  <td>{formatDate(now, { timeZone: brand.timeZone })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </div>
  );
}
