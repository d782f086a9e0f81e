import { useQuery } from '@tanstack/react-query';
import { useParams } from 'wouter';
import { Link } from '@/components/link.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { useFormatDate } from '@/lib/format.ts';
import { useTRPC, type Organization } from '@/lib/trpc.ts';
import { useBillingText } from '../use-billing-text.ts';
import '../billing.css';

/**
 * One invoice, laid out to print (the navigation is hidden when printing): who is billed, the period, every line,
 * subtotal, tax at the organization's rate and total, how to pay or when it was paid; and the same as a PDF.
 */
export function InvoicePage({ organization }: { organization: Organization }) {
  const { t, money, i18n } = useBillingText();
  const formatDate = useFormatDate();
  const trpc = useTRPC();
  const { invoiceId = '' } = useParams();
  const invoice = useQuery(trpc.billing.invoice.queryOptions({ organizationId: organization.id, invoiceId }));
  if (invoice.isPending) return <Loading />;
  if (invoice.error) return <ErrorMessage error={invoice.error} />;
  const inv = invoice.data;
  const rate = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 2 }).format(
    inv.taxRateBps / 10_000,
  );
  const pdf = `/api/invoices/${inv.id}.pdf?organizationId=${organization.id}`;
  return (
    <div className="stack invoice-page">
      <PageHeader
        title={t('billing.invoiceNumber', { number: inv.number })}
        description={t('billing.invoiceFor', { organization: inv.organizationName })}
        actions={
          <>
            <button type="button" className="button" onClick={() => window.print()}>
              {t('billing.print')}
            </button>
            <a className="button" href={pdf} download>
              {t('billing.downloadPdf')}
            </a>
          </>
        }
      />
      <section className="card">
        <dl className="invoice-facts">
          <div>
            <dt>{t('billing.period')}</dt>
            <dd>
              {t('billing.periodRange', {
                from: formatDate(inv.periodStart),
                to: formatDate(new Date(Date.parse(inv.periodEnd) - 1)),
              })}
            </dd>
          </div>
          <div>
            <dt>{t('billing.issued')}</dt>
            <dd>{inv.issuedAt ? formatDate(inv.issuedAt) : ''}</dd>
          </div>
          <div>
            <dt>{t('billing.status')}</dt>
            <dd data-testid="invoice-status">{t(`billing.invoiceStatus.${inv.status}`)}</dd>
          </div>
        </dl>
        <div className="table-wrap">
          <table className="table billing-brands">
            <thead>
              <tr>
                <th scope="col">{t('billing.lineDescription')}</th>
                <th scope="col" className="num">
                  {t('billing.quantity')}
                </th>
                <th scope="col" className="num">
                  {t('billing.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {inv.lines.map((line, i) => (
                <tr key={i}>
                  <td>{line.description}</td>
                  <td className="num">{line.quantity}</td>
                  <td className="num">{money(line.amountCents, inv.currency)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {t('billing.subtotal')}
                </th>
                <td className="num">{money(inv.subtotalCents, inv.currency)}</td>
              </tr>
              <tr>
                <th scope="row" colSpan={2}>
                  {t('billing.tax', { rate })}
                </th>
                <td className="num">{money(inv.taxCents, inv.currency)}</td>
              </tr>
              <tr>
                <th scope="row" colSpan={2}>
                  {t('billing.total')}
                </th>
                <td className="num">
                  <strong data-testid="invoice-total">{money(inv.totalCents, inv.currency)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
        <p>
          {inv.status === 'paid' && inv.paidAt
            ? t('billing.paidOn', { date: formatDate(inv.paidAt) })
            : inv.dueAt
              ? t('billing.payBy', { date: formatDate(inv.dueAt), number: inv.number })
              : null}
        </p>
      </section>
      <p className="no-print">
        <Link to={`/o/${organization.id}/billing`}>{t('billing.backToBilling')}</Link>
      </p>
    </div>
  );
}
