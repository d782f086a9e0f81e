import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { useSelectedBrandId } from '@/lib/brand-param.ts';
import { useTRPC, type Organization } from '@/lib/trpc.ts';
import { useImportUpload } from '../use-import-upload.ts';
import { ImportForm } from './import-form.tsx';
import { ImportFormatHelp } from './import-format-help.tsx';
import { ImportOutcome } from './import-outcome.tsx';

/**
 * Settings → Import history: a brand's past mentions from a CSV or NDJSON file, uploaded with progress (the server
 * stores rows while the file arrives), then a report of what was imported and which lines were rejected and why.
 */
export function ImportsPage({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const organizationId = organization.id;
  const brands = useQuery(trpc.brands.list.queryOptions({ organizationId }));
  const channels = useQuery(trpc.channels.list.queryOptions({ organizationId }));
  const [selectedBrandId] = useSelectedBrandId();
  const upload = useImportUpload(organizationId);
  const uploading = upload.state.status === 'uploading';

  // Closing the tab would cut the upload: the browser asks first.
  useEffect(() => {
    if (!uploading) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [uploading]);

  const brandList = brands.data ?? [];
  const defaultBrandId = brandList.find((b) => b.id === selectedBrandId)?.id ?? brandList[0]?.id ?? '';
  return (
    <div className="stack">
      <PageHeader title={t('imports.title')} description={t('imports.description')} />
      <section className="card" aria-labelledby="imports-upload">
        <h2 id="imports-upload">{t('imports.formTitle')}</h2>
        {brands.isPending || channels.isPending ? <Loading /> : null}
        <ErrorMessage error={brands.error ?? channels.error} />
        {brands.data && channels.data ? (
          brandList.length === 0 ? (
            <p className="muted">{t('imports.noBrand')}</p>
          ) : (
            <ImportForm
              key={defaultBrandId}
              brands={brandList}
              channels={channels.data}
              defaultBrandId={defaultBrandId}
              uploading={uploading}
              onUpload={(input) => void upload.start(input)}
            />
          )
        ) : null}
        <ImportOutcome state={upload.state} onCancel={upload.cancel} />
      </section>
      <ImportFormatHelp />
    </div>
  );
}
