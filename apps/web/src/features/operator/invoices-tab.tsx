import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { useFormatDate } from '@/lib/format.ts';
import { useTRPC, useTRPCClient } from '@/lib/trpc.ts';
import type { OperatorInvoice } from './types.ts';
import { useOperatorText } from './use-operator-text.ts';

const STATUSES = ['open', 'paid', 'void', 'draft'] as const;
type Status = (typeof STATUSES)[number];
/** The server's page of operator.invoices. */
const PAGE = 100;

/**
 * Every organization's invoices, newest first, by status; "Mark paid" records a bank transfer after a
 * confirmation (audited in the organization's log; its brands that fell behind are active again).
 */
export function InvoicesTab() {
  const { t, money } = useOperatorText();
  const common = useTranslation().t;
  const formatDate = useFormatDate();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const id = useId();
  const [status, setStatus] = useState<Status | ''>('open');
  const [paying, setPaying] = useState<OperatorInvoice | null>(null);
  const [notice, setNotice] = useState('');
  // "Overdue" as of when the list opened (it is refetched after each payment).
  const [now] = useState(() => Date.now());
  const input = status ? { status } : {};
  // Not `infiniteQueryOptions`: tRPC would add `direction` to the input, which the server's strict schema refuses.
  const invoices = useInfiniteQuery({
    queryKey: trpc.operator.invoices.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) =>
      client.operator.invoices.query(pageParam ? { ...input, cursor: pageParam } : input, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => (page.length === PAGE ? page.at(-1)!.id : undefined),
  });
  const rows = invoices.data?.pages.flat() ?? [];
  const markPaid = useMutation(
    trpc.operator.markInvoicePaid.mutationOptions({
      onSuccess: async () => {
        if (paying) {
          setNotice(
            t('operator.invoices.markedPaid', { number: paying.number, organization: paying.organizationName }),
          );
        }
        setPaying(null);
        await queryClient.invalidateQueries(trpc.operator.pathFilter());
      },
    }),
  );

  return (
    <div className="stack">
      <div className="toolbar">
        <label htmlFor={`${id}-status`}>{t('operator.invoices.status')}</label>
        <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as Status | '')}>
          <option value="">{t('operator.invoices.all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {common(`billing.invoiceStatus.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <SuccessMessage>{notice}</SuccessMessage>
      {invoices.isPending ? <Loading /> : null}
      <ErrorMessage error={invoices.error} />
      {invoices.data && rows.length === 0 ? <p className="muted">{t('operator.invoices.none')}</p> : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="table operator-table" data-testid="operator-invoices">
            <thead>
              <tr>
                <th scope="col">{t('operator.invoices.organization')}</th>
                <th scope="col">{common('billing.number')}</th>
                <th scope="col">{common('billing.kindLabel')}</th>
                <th scope="col">{common('billing.issued')}</th>
                <th scope="col">{common('billing.due')}</th>
                <th scope="col">{t('operator.invoices.status')}</th>
                <th scope="col" className="num">
                  {t('operator.invoices.total')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('operator.organizations.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((invoice) => {
                const overdue = invoice.status === 'open' && invoice.dueAt !== null && Date.parse(invoice.dueAt) < now;
                return (
                  <tr key={invoice.id} data-testid={`operator-invoice-${invoice.organizationName}-${invoice.number}`}>
                    <th scope="row">{invoice.organizationName}</th>
                    <td>{invoice.number}</td>
                    <td>{common(`billing.kind.${invoice.kind}`)}</td>
                    <td>{invoice.issuedAt ? formatDate(invoice.issuedAt, { style: 'date' }) : ''}</td>
                    <td>
                      {invoice.dueAt ? formatDate(invoice.dueAt, { style: 'date' }) : ''}
                      {overdue ? (
                        <span className="badge badge-danger">{t('operator.organizations.overdue')}</span>
                      ) : null}
                    </td>
                    <td>{common(`billing.invoiceStatus.${invoice.status}`)}</td>
                    <td className="num">{money(invoice.totalCents, invoice.currency)}</td>
                    <td>
                      {invoice.status === 'open' ? (
                        <button
                          type="button"
                          className="button button-small"
                          onClick={() => {
                            setNotice('');
                            markPaid.reset();
                            setPaying(invoice);
                          }}
                        >
                          {t('operator.invoices.markPaid')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {invoices.hasNextPage ? (
        <div className="form-actions">
          <button
            type="button"
            className="button"
            disabled={invoices.isFetchingNextPage}
            onClick={() => void invoices.fetchNextPage()}
          >
            {t('operator.invoices.more')}
          </button>
        </div>
      ) : null}
      {paying ? (
        <ConfirmDialog
          title={t('operator.invoices.markPaidTitle', { number: paying.number, organization: paying.organizationName })}
          confirmLabel={t('operator.invoices.markPaid')}
          pending={markPaid.isPending}
          error={<ErrorMessage error={markPaid.error} />}
          onCancel={() => setPaying(null)}
          onConfirm={() => markPaid.mutate({ invoiceId: paying.id })}
        >
          <p>{t('operator.invoices.markPaidBody', { amount: money(paying.totalCents, paying.currency) })}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
