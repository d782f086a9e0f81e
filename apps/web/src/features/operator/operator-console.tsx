import type { KeyboardEvent } from 'react';
import { PageHeader } from '@/components/page-header.tsx';
import { useSearchParams } from '@/lib/location.ts';
import { CatalogTab } from './catalog-tab.tsx';
import { InvoicesTab } from './invoices-tab.tsx';
import { OrganizationsTab } from './organizations-tab.tsx';
import { useOperatorText } from './use-operator-text.ts';
import './operator.css';

const TABS = ['organizations', 'catalog', 'invoices'] as const;
type Tab = (typeof TABS)[number];

/**
 * The platform operator's console (Perch's own staff; docs/billing.md, "Operator"): every organization with its
 * brands' plans, comps and usage; the plan catalog; every organization's invoices. The section is in the URL
 * (`?tab=`), so a reload or a shared link opens the same one. The server refuses all of it to anyone else.
 */
export function OperatorConsole() {
  const { t } = useOperatorText();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: Tab = TABS.find((name) => name === requested) ?? 'organizations';
  const open = (next: Tab) => setParams(next === 'organizations' ? {} : { tab: next });
  // Arrow keys move between tabs (the ARIA tabs pattern); Tab goes on to the panel.
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length]!;
    open(next);
    document.getElementById(`operator-tab-${next}`)?.focus();
  };

  return (
    <div className="stack operator-console">
      <PageHeader title={t('operator.title')} description={t('operator.description')} />
      <div className="operator-tabs" role="tablist" aria-label={t('operator.tabs.label')} onKeyDown={onKeyDown}>
        {TABS.map((name) => (
          <button
            key={name}
            id={`operator-tab-${name}`}
            type="button"
            role="tab"
            className="operator-tab"
            aria-selected={tab === name}
            aria-controls={`operator-panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => open(name)}
          >
            {t(`operator.tabs.${name}`)}
          </button>
        ))}
      </div>
      <section
        id={`operator-panel-${tab}`}
        role="tabpanel"
        aria-labelledby={`operator-tab-${tab}`}
        className="operator-panel"
      >
        {tab === 'organizations' ? <OrganizationsTab /> : null}
        {tab === 'catalog' ? <CatalogTab /> : null}
        {tab === 'invoices' ? <InvoicesTab /> : null}
      </section>
    </div>
  );
}
