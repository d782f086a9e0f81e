import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { isAdministrator } from '@/lib/access.ts';
import { useSelectedBrandId } from '@/lib/brand-param.ts';
import { useTRPC, type Channel, type Organization } from '@/lib/trpc.ts';
import { ChannelsTable } from './channels-table.tsx';
import { WebhookChannelForm } from './webhook-channel-form.tsx';
import { XChannelForm } from './x-channel-form.tsx';

/**
 * Settings → Channels: where each brand's conversations come from (X accounts, signed webhooks, imports) and how
 * healthy each source is. Managers look; owners and admins connect channels and rotate webhook secrets.
 */
export function ChannelsPage({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const organizationId = organization.id;
  const channels = useQuery(trpc.channels.list.queryOptions({ organizationId }));
  const brands = useQuery(trpc.brands.list.queryOptions({ organizationId }));
  const [selectedBrandId, selectBrand] = useSelectedBrandId();
  const manage = isAdministrator(organization.myRole);

  const brandList = brands.data ?? [];
  const names = new Map(brandList.map((b) => [b.id, b.name]));
  const brandName = (brandId: string) => names.get(brandId) ?? t('channels.unknownBrand');
  const selectedBrand = brandList.find((b) => b.id === selectedBrandId) ?? null;
  // Grouped by brand (by name), then by channel name.
  const visible: Channel[] = (channels.data ?? [])
    .filter((c) => !selectedBrand || c.brandId === selectedBrand.id)
    .sort((a, b) => brandName(a.brandId).localeCompare(brandName(b.brandId)) || a.name.localeCompare(b.name));
  const defaultBrandId = selectedBrand?.id ?? brandList[0]?.id ?? '';

  return (
    <div className="stack">
      <PageHeader title={t('channels.title')} description={t('channels.description')} />
      <section className="card" aria-labelledby="channels-list">
        <h2 id="channels-list">{t('channels.listTitle')}</h2>
        {selectedBrand ? (
          <p className="muted">
            {t('channels.filteredBy', { brand: selectedBrand.name })}{' '}
            <button type="button" className="button button-small" onClick={() => selectBrand(null)}>
              {t('channels.showAllBrands')}
            </button>
          </p>
        ) : null}
        {channels.isPending ? <Loading /> : null}
        <ErrorMessage error={channels.error} />
        {channels.data && visible.length === 0 ? (
          <p className="muted">{manage ? t('channels.emptyManage') : t('channels.empty')}</p>
        ) : null}
        {visible.length > 0 ? (
          <ChannelsTable organizationId={organizationId} channels={visible} brandName={brandName} manage={manage} />
        ) : null}
      </section>

      {manage && brands.data ? (
        brandList.length === 0 ? (
          <p className="muted">{t('channels.noBrand')}</p>
        ) : (
          <>
            <section className="card" aria-labelledby="channels-x">
              <h2 id="channels-x">{t('channels.xTitle')}</h2>
              <p className="muted">{t('channels.xDescription')}</p>
              <XChannelForm organizationId={organizationId} brands={brandList} defaultBrandId={defaultBrandId} />
            </section>
            <section className="card" aria-labelledby="channels-webhook">
              <h2 id="channels-webhook">{t('channels.webhookTitle')}</h2>
              <p className="muted">{t('channels.webhookDescription')}</p>
              <WebhookChannelForm organizationId={organizationId} brands={brandList} defaultBrandId={defaultBrandId} />
            </section>
          </>
        )
      ) : null}
      {manage && brands.error ? <ErrorMessage error={brands.error} /> : null}
    </div>
  );
}
