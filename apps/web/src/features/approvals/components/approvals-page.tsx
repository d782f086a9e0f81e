import { REPLY_LIMITS } from '@perch/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { useSelectedBrandId } from '@/lib/brand-param.ts';
import { useLiveEvents } from '@/lib/live-events.tsx';
import { useShortcuts } from '@/lib/shortcuts.tsx';
import { useTRPC, type Organization } from '@/lib/trpc.ts';
import { approvalsAreStale, oldestFirst } from '../approvals-refresh.ts';
import type { ApprovalMode } from '../types.ts';
import { useApprovalDecisions } from '../use-approval-decisions.ts';
import { ApprovalCard } from './approval-card.tsx';
import { WhoNeedsApproval } from './who-needs-approval.tsx';
import '../approvals.css';

/**
 * Approvals: the replies of agents who need approval, oldest first, for the brand chosen in the brand switcher
 * (or all). A manager approves, edits then approves, or rejects with a comment; nothing is posted before. Below,
 * who needs approval. Managers, admins and owners only (the route and the server both check).
 */
export function ApprovalsPage({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const organizationId = organization.id;
  const [brandId, selectBrand] = useSelectedBrandId();
  const brands = useQuery(trpc.brands.list.queryOptions({ organizationId }));
  const approvals = useQuery(trpc.replies.approvals.queryOptions({ organizationId, ...(brandId ? { brandId } : {}) }));
  const [mode, setMode] = useState<ApprovalMode>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [focusToken, setFocusToken] = useState(0);
  const decisions = useApprovalDecisions(organizationId, (replyId) =>
    setMode((current) => (current?.replyId === replyId ? null : current)),
  );

  const connectedBefore = useRef(false);
  useLiveEvents((event) => {
    const stale = approvalsAreStale(event.type, connectedBefore.current);
    if (event.type === 'ready') connectedBefore.current = true;
    if (stale) void queryClient.invalidateQueries(trpc.replies.approvals.pathFilter());
  });

  const items = oldestFirst(approvals.data ?? []);
  const brandNames = new Map((brands.data ?? []).map((b) => [b.id, b.name]));
  const selectedBrandName = brandId ? (brandNames.get(brandId) ?? null) : null;
  const index = Math.max(
    0,
    items.findIndex((a) => a.replyId === selectedId),
  );
  const selected = items[index] ?? null;

  const move = (delta: number) => {
    const next = items[Math.min(items.length - 1, Math.max(0, index + delta))];
    if (!next) return;
    setSelectedId(next.replyId);
    setFocusToken((n) => n + 1);
  };
  const group = t('approvals.shortcutsGroup');
  useShortcuts(
    [
      { keys: 'j', description: t('approvals.shortcutNext'), group, run: () => move(1) },
      { keys: 'k', description: t('approvals.shortcutPrevious'), group, run: () => move(-1) },
      {
        keys: 'a',
        description: t('approvals.shortcutApprove'),
        group,
        run: () => selected && void decisions.decide(selected, { kind: 'approve' }),
      },
      {
        keys: 'e',
        description: t('approvals.shortcutEdit'),
        group,
        run: () => selected && setMode({ replyId: selected.replyId, kind: 'edit' }),
      },
      {
        keys: 'x',
        description: t('approvals.shortcutReject'),
        group,
        run: () => selected && setMode({ replyId: selected.replyId, kind: 'reject' }),
      },
    ],
    // While the editor or the reject form is open, its keys are the manager's words, not commands.
    mode === null && items.length > 0,
  );

  return (
    <div className="stack">
      <PageHeader title={t('approvals.title')} description={t('approvals.description')} />
      <section className="card" aria-labelledby="approvals-list">
        <h2 id="approvals-list">{t('approvals.listTitle')}</h2>
        {selectedBrandName ? (
          <p className="muted">
            {t('approvals.filteredBy', { brand: selectedBrandName })}{' '}
            <button type="button" className="button button-small" onClick={() => selectBrand(null)}>
              {t('approvals.showAllBrands')}
            </button>
          </p>
        ) : null}
        <SuccessMessage>{decisions.notice}</SuccessMessage>
        {decisions.alert ? (
          <p className="alert alert-error" role="alert">
            {decisions.alert}
          </p>
        ) : null}
        {approvals.isPending ? <Loading /> : null}
        <ErrorMessage error={approvals.error} />
        {approvals.data && items.length === 0 ? (
          <p className="muted">
            {selectedBrandName ? t('approvals.emptyBrand', { brand: selectedBrandName }) : t('approvals.empty')}
          </p>
        ) : null}
        {items.length > 0 ? (
          <>
            <p className="subtle">
              {t('approvals.waitingCount', { count: items.length })} · {t('approvals.shortcutsHint')}
            </p>
            <ol className="plain-list approvals" data-testid="approvals-list">
              {items.map((approval) => (
                <ApprovalCard
                  key={approval.replyId}
                  organizationId={organizationId}
                  approval={approval}
                  brandName={brandId ? null : (brandNames.get(approval.brandId) ?? null)}
                  selected={approval.replyId === selected?.replyId}
                  focusToken={approval.replyId === selected?.replyId ? focusToken : 0}
                  mode={mode}
                  pending={decisions.pending.has(approval.replyId)}
                  error={decisions.errors.get(approval.replyId)}
                  onSelect={() => setSelectedId(approval.replyId)}
                  onMode={setMode}
                  onApprove={(text) =>
                    void decisions.decide(approval, { kind: 'approve', ...(text === undefined ? {} : { text }) })
                  }
                  onReject={(comment) => void decisions.decide(approval, { kind: 'reject', comment })}
                />
              ))}
            </ol>
            {items.length >= REPLY_LIMITS.approvalsPage ? (
              <p className="muted">{t('approvals.capped', { count: REPLY_LIMITS.approvalsPage })}</p>
            ) : null}
          </>
        ) : null}
      </section>
      <WhoNeedsApproval organizationId={organizationId} />
    </div>
  );
}
