import type { SavedViewItem } from '@perch/shared';
import { INBOX_LIMITS, INBOX_VIEWS } from '@perch/shared/vocabulary';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { Link } from '@/components/link.tsx';
import { useTRPC } from '@/lib/trpc.ts';
import { OverQuotaViews } from './over-quota-views.tsx';
import { SaveViewDialog, type SaveViewProps } from './save-view-dialog.tsx';

interface ViewListProps extends Omit<SaveViewProps, 'onClose' | 'onSaved'> {
  brandId: string | null;
  current: string;
  viewPath: (view: string) => string;
  onSaved: (viewId: string) => void;
}

const EMPTY: SavedViewItem[] = [];

/** The left column: built-in views and saved views, each with its live count, and "Save current view". */
export function ViewList({ brandId, current, viewPath, onSaved, ...save }: ViewListProps) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const { organizationId } = save;
  const brand = brandId ? { brandId } : {};
  const counts = useQuery(trpc.inbox.counts.queryOptions({ organizationId, ...brand }));
  const saved = useQuery(trpc.savedViews.list.queryOptions({ organizationId }));
  const savedViews = saved.data ?? EMPTY;
  const savedCounts = useQuery({
    ...trpc.inbox.savedViewCounts.queryOptions({ organizationId, ...brand }),
    enabled: savedViews.length > 0,
  });
  const [saving, setSaving] = useState(false);
  const number = new Intl.NumberFormat(i18n.language);

  const countOf = (view: string): string | null => {
    const builtIn = counts.data?.[view as keyof typeof counts.data];
    if (typeof builtIn === 'number') return number.format(builtIn);
    const entry = savedCounts.data?.find((c) => c.viewId === view);
    if (!entry) return null;
    return entry.capped ? `${number.format(INBOX_LIMITS.savedViewCountCap)}+` : number.format(entry.count);
  };

  const item = (view: string, label: string) => {
    const count = countOf(view);
    return (
      <li key={view}>
        <Link to={viewPath(view)} aria-current={view === current ? 'page' : undefined} className="inbox-view-link">
          <span>{label}</span>
          {count !== null ? <span className="inbox-count">{count}</span> : null}
        </Link>
      </li>
    );
  };

  return (
    <nav className="inbox-views" aria-label={t('inbox.views.label')}>
      <ul>{INBOX_VIEWS.map((view) => item(view, t(`inbox.views.${view}`)))}</ul>
      <OverQuotaViews organizationId={organizationId} brandId={brandId} />
      {savedViews.length ? (
        <>
          <h2 className="inbox-views-heading">{t('inbox.views.saved')}</h2>
          <ul>
            {savedViews.map((view) =>
              item(view.id, view.shared ? `${view.name} · ${t('inbox.views.shared')}` : view.name),
            )}
          </ul>
        </>
      ) : null}
      <button type="button" className="button button-small" onClick={() => setSaving(true)}>
        {t('inbox.views.saveCurrent')}
      </button>
      {saving ? (
        <SaveViewDialog
          {...save}
          onClose={() => setSaving(false)}
          onSaved={(id) => {
            setSaving(false);
            onSaved(id);
          }}
        />
      ) : null}
    </nav>
  );
}
