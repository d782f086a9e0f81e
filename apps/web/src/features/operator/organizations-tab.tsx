import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState, type FormEvent } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { planName } from '@/lib/errors.ts';
import { useTRPC } from '@/lib/trpc.ts';
import { CompDialog } from './comp-dialog.tsx';
import type { OperatorBrand, OperatorOrganization } from './types.ts';
import { useOperatorText } from './use-operator-text.ts';

/**
 * Every organization, 50 a page (keyset: the server's cursor), searchable by its name or a brand's: brands, seats
 * taken of those its plans bring, this month's mentions and what it owes. A row opens its brands, each with its
 * own plan, the plan it has now, the comp in force and this month's mentions against the quota; the operator comps
 * a plan there, or ends a comp.
 */
export function OrganizationsTab() {
  const { t, money, lastDay } = useOperatorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [cursors, setCursors] = useState<string[]>([]);
  const [openIds, setOpenIds] = useState<Set<string>>(new Set());
  const [comping, setComping] = useState<OperatorBrand | null>(null);
  const [ending, setEnding] = useState<OperatorBrand | null>(null);
  const [notice, setNotice] = useState('');
  const cursor = cursors.at(-1);
  const page = useQuery({
    ...trpc.operator.organizations.queryOptions({ ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) }),
    // The table stays while the next page or search loads.
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries(trpc.operator.organizations.pathFilter());
  const end = useMutation(
    trpc.operator.endComp.mutationOptions({
      onSuccess: async () => {
        setNotice(t('operator.organizations.compEnded', { brand: ending?.name ?? '' }));
        setEnding(null);
        await refresh();
      },
    }),
  );

  const search = (event: FormEvent) => {
    event.preventDefault();
    setQ(draft.trim());
    setCursors([]);
  };
  const toggle = (id: string) =>
    setOpenIds((ids) => {
      const next = new Set(ids);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const count = new Intl.NumberFormat();
  const owed = (n: number, cents: number, org: OperatorOrganization) =>
    n === 0 ? '—' : t('operator.organizations.owed', { count: n, amount: money(cents, org.currency) });

  return (
    <div className="stack">
      <form className="toolbar" role="search" onSubmit={search}>
        <label className="visually-hidden" htmlFor="operator-search">
          {t('operator.organizations.search')}
        </label>
        <input
          id="operator-search"
          type="search"
          maxLength={100}
          placeholder={t('operator.organizations.search')}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" className="button">
          {t('operator.organizations.searchButton')}
        </button>
      </form>
      <SuccessMessage>{notice}</SuccessMessage>
      {page.isPending ? <Loading /> : null}
      <ErrorMessage error={page.error} />
      {page.data?.organizations.length === 0 ? <p className="muted">{t('operator.organizations.none')}</p> : null}
      {page.data && page.data.organizations.length > 0 ? (
        <div className="table-wrap">
          <table className="table operator-table" data-testid="operator-organizations">
            <thead>
              <tr>
                <th scope="col">{t('operator.organizations.name')}</th>
                <th scope="col">{t('operator.organizations.brands')}</th>
                <th scope="col" className="num">
                  {t('operator.organizations.seats')}
                </th>
                <th scope="col" className="num">
                  {t('operator.organizations.mentions')}
                </th>
                <th scope="col" className="num">
                  {t('operator.organizations.open')}
                </th>
                <th scope="col" className="num">
                  {t('operator.organizations.overdue')}
                </th>
              </tr>
            </thead>
            <tbody>
              {page.data.organizations.map((org) => {
                const open = openIds.has(org.id);
                const mentions = org.brands.reduce((sum, b) => sum + b.mentionsThisPeriod, 0);
                return (
                  <Fragment key={org.id}>
                    <tr data-testid={`operator-org-${org.name}`}>
                      <th scope="row">{org.name}</th>
                      <td>
                        <button
                          type="button"
                          className="button-link"
                          aria-expanded={open}
                          aria-controls={`operator-brands-${org.id}`}
                          aria-label={t('operator.organizations.brandsOf', { name: org.name })}
                          onClick={() => toggle(org.id)}
                        >
                          {org.brands.map((b) => b.name).join(', ') || '—'}
                        </button>
                      </td>
                      <td className="num">
                        {t('operator.organizations.seatsUsed', { used: org.seatsUsed, total: org.seatsTotal })}
                      </td>
                      <td className="num">{count.format(mentions)}</td>
                      <td className="num">{owed(org.openInvoices, org.openCents, org)}</td>
                      <td className="num">{owed(org.overdueInvoices, org.overdueCents, org)}</td>
                    </tr>
                    {open ? (
                      <tr id={`operator-brands-${org.id}`} className="operator-brands-row">
                        <td colSpan={6}>
                          <BrandsTable
                            organization={org}
                            onComp={(b) => {
                              setNotice('');
                              setComping(b);
                            }}
                            onEnd={(b) => {
                              setNotice('');
                              end.reset();
                              setEnding(b);
                            }}
                          />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="form-actions">
        {cursors.length > 0 ? (
          <button type="button" className="button" onClick={() => setCursors([])}>
            {t('operator.organizations.first')}
          </button>
        ) : null}
        {page.data?.nextCursor ? (
          <button
            type="button"
            className="button"
            onClick={() => setCursors((list) => [...list, page.data.nextCursor!])}
          >
            {t('operator.organizations.next')}
          </button>
        ) : null}
      </div>
      {comping ? (
        <CompDialog
          brand={comping}
          onCancel={() => setComping(null)}
          onDone={async (result) => {
            setComping(null);
            if (result.comp) {
              setNotice(
                t('operator.organizations.comped', {
                  brand: comping.name,
                  plan: planName(result.comp.planId),
                  date: lastDay(result.comp.endsAt),
                }),
              );
            }
            await refresh();
          }}
        />
      ) : null}
      {ending ? (
        <ConfirmDialog
          title={t('operator.organizations.endCompTitle', { brand: ending.name })}
          confirmLabel={t('operator.organizations.endComp')}
          danger
          pending={end.isPending}
          error={<ErrorMessage error={end.error} />}
          onCancel={() => setEnding(null)}
          onConfirm={() => end.mutate({ brandId: ending.brandId })}
        >
          <p>{t('operator.organizations.endCompBody', { brand: ending.name, plan: planName(ending.ownPlanId) })}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function BrandsTable({
  organization,
  onComp,
  onEnd,
}: {
  organization: OperatorOrganization;
  onComp: (brand: OperatorBrand) => void;
  onEnd: (brand: OperatorBrand) => void;
}) {
  const { t, lastDay } = useOperatorText();
  const count = new Intl.NumberFormat();
  if (organization.brands.length === 0) return <p className="muted">—</p>;
  return (
    <table
      className="table operator-brands"
      aria-label={t('operator.organizations.brandsOf', { name: organization.name })}
    >
      <thead>
        <tr>
          <th scope="col">{t('operator.organizations.brand')}</th>
          <th scope="col">{t('operator.organizations.ownPlan')}</th>
          <th scope="col">{t('operator.organizations.state')}</th>
          <th scope="col">{t('operator.organizations.plan')}</th>
          <th scope="col">{t('operator.organizations.comp')}</th>
          <th scope="col" className="num">
            {t('operator.organizations.mentions')}
          </th>
          <th scope="col">{t('operator.organizations.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {organization.brands.map((b) => (
          <tr key={b.brandId} data-testid={`operator-brand-${b.name}`}>
            <th scope="row">{b.name}</th>
            <td>{planName(b.ownPlanId)}</td>
            <td>{t(`operator.organizations.states.${b.state}`)}</td>
            <td>{planName(b.planId)}</td>
            <td>
              {b.comp ? (
                <span title={b.comp.note ?? undefined}>
                  {t('operator.organizations.compUntil', {
                    plan: planName(b.comp.planId),
                    date: lastDay(b.comp.endsAt),
                  })}
                </span>
              ) : (
                '—'
              )}
            </td>
            <td className="num">
              {count.format(b.mentionsThisPeriod)} / {count.format(b.monthlyMentions)}
            </td>
            <td>
              <div className="billing-actions">
                <button type="button" className="button button-small" onClick={() => onComp(b)}>
                  {t('operator.organizations.compAction')}
                </button>
                {b.comp ? (
                  <button type="button" className="button button-small button-danger-outline" onClick={() => onEnd(b)}>
                    {t('operator.organizations.endComp')}
                  </button>
                ) : null}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
