import { useQuery } from '@tanstack/react-query';
import { Link } from '@/components/link.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { useFormatDate } from '@/lib/format.ts';
import { useTRPC } from '@/lib/trpc.ts';
import { useBillingText } from '../use-billing-text.ts';

/** The organization's invoices, newest first, each opening its printable page. */
export function InvoicesList({ organizationId }: { organizationId: string }) {
  const { t, money } = useBillingText();
  const formatDate = useFormatDate();
  const trpc = useTRPC();
  const invoices = useQuery(trpc.billing.invoices.queryOptions({ organizationId }));
  return (
    <section className="card" aria-labelledby="billing-invoices">
      <h2 id="billing-invoices">{t('billing.invoicesTitle')}</h2>
      {invoices.isPending ? <Loading /> : null}
      <ErrorMessage error={invoices.error} />
      {invoices.data?.length === 0 ? <p className="muted">{t('billing.noInvoices')}</p> : null}
      {invoices.data && invoices.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table billing-brands" data-testid="invoices-table">
            <thead>
              <tr>
                <th scope="col">{t('billing.number')}</th>
                <th scope="col">{t('billing.kindLabel')}</th>
                <th scope="col">{t('billing.issued')}</th>
                <th scope="col">{t('billing.status')}</th>
                <th scope="col">{t('billing.due')}</th>
                <th scope="col" className="num">
                  {t('billing.total')}
                </th>
              </tr>
            </thead>
            <tbody>
              {invoices.data.map((invoice) => (
                <tr key={invoice.id}>
                  <th scope="row">
                    <Link to={`/o/${organizationId}/billing/invoices/${invoice.id}`}>
                      {t('billing.invoiceNumber', { number: invoice.number })}
                    </Link>
                  </th>
                  <td>{t(`billing.kind.${invoice.kind}`)}</td>
                  <td>{invoice.issuedAt ? formatDate(invoice.issuedAt) : ''}</td>
                  <td>{t(`billing.invoiceStatus.${invoice.status}`)}</td>
                  <td>{invoice.dueAt ? formatDate(invoice.dueAt) : ''}</td>
                  <td className="num">{money(invoice.totalCents, invoice.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
