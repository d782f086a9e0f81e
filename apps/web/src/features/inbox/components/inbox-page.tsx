import type { InboxView, Role } from '@perch/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { Redirect } from 'wouter';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { conflictOf, useConflictWords } from '@/features/conversation/conflict.ts';
import { canOpen } from '@/lib/access.ts';
import { useMe } from '@/lib/session.ts';
import { useTRPC } from '@/lib/trpc.ts';
import { useInboxList, type ListRow } from '../hooks/use-inbox-list.ts';
import { useInboxLookups, usePresence } from '../hooks/use-inbox-lookups.ts';
import { useInboxShortcuts } from '../hooks/use-inbox-shortcuts.ts';
import { DEFAULT_VIEW, useInboxUrl, type InboxUrl } from '../hooks/use-inbox-url.ts';
import { useLiveInbox } from '../hooks/use-live-inbox.ts';
import { useNow } from '../hooks/use-now.ts';
import { isBuiltInView, requestFilters, searchText } from '../url-state.ts';
import { BulkToolbar } from './bulk-toolbar.tsx';
import { FiltersBar } from './filters-bar.tsx';
import { HiddenHistoryNote } from './hidden-history-note.tsx';
import { InboxTable, type InboxTableHandle } from './inbox-table.tsx';
import { SearchBox, type SearchBoxHandle } from './search-box.tsx';
import { ShortcutHelp } from './shortcut-help.tsx';
import { ViewList } from './view-list.tsx';
import '../inbox.css';

const ConversationPane = lazy(() =>
  import('@/features/conversation/components/conversation-pane.tsx').then((m) => ({ default: m.ConversationPane })),
);

const MANAGERS: readonly Role[] = ['owner', 'admin', 'manager'];

/** `/o/:organizationId/inbox/:view[/c/:conversationId]`: views, filters, the list and the open conversation. */
export function InboxPage({ role }: { role: Role }) {
  const url = useInboxUrl();
  if (!url.view) return <Redirect to={url.viewPath(DEFAULT_VIEW)} replace />;
  return <InboxWorkspace url={url} view={url.view} role={role} />;
}

function InboxWorkspace({ url, view, role }: { url: InboxUrl; view: string; role: Role }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const meId = useMe().data?.user.id ?? null;
  const { organizationId, state, conversationId } = url;
  const lookups = useInboxLookups(organizationId, state.brandId, canOpen(role, 'channels'));
  const list = useInboxList(organizationId, view, state);
  const { rows } = list;
  useLiveInbox(state.brandId, list.refreshLive);
  const now = useNow();

  const [focusedIndex, setFocusedIndex] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const lastToggled = useRef<number | null>(null);
  const [help, setHelp] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const tableRef = useRef<InboxTableHandle>(null);
  const searchRef = useRef<SearchBoxHandle>(null);
  const paneRef = useRef<HTMLElement>(null);
  const focused = rows[Math.min(focusedIndex, rows.length - 1)];

  const toggle = useCallback(
    (id: string, range: boolean) => {
      const index = rows.findIndex((r) => r.id === id);
      // Read now: the state updater runs later, after the ref has moved to this row.
      const anchor = range ? lastToggled.current : null;
      const from = anchor === null ? index : Math.min(anchor, index);
      const to = anchor === null ? index : Math.max(anchor, index);
      setSelected((current) => {
        const next = new Set(current);
        const on = !current.has(id);
        for (const row of rows.slice(from, to + 1)) {
          if (on) next.add(row.id);
          else next.delete(row.id);
        }
        return next;
      });
      lastToggled.current = index;
    },
    [rows],
  );
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggleAll = useCallback(
    () => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id))),
    [allSelected, rows],
  );

  const visibleIds = useMemo(
    () => rows.slice(Math.max(0, focusedIndex - 20), Math.max(0, focusedIndex - 20) + 60).map((r) => r.id),
    [rows, focusedIndex],
  );
  const presence = usePresence(organizationId, visibleIds);
  const q = searchText(state);
  const cells = useMemo(
    () => ({
      lookups,
      presence,
      now,
      selected,
      onToggle: toggle,
      query: list.searching ? q : null,
      allSelected,
      onToggleAll: toggleAll,
    }),
    [lookups, presence, now, selected, toggle, list.searching, q, allSelected, toggleAll],
  );

  const conflictWords = useConflictWords();
  const refreshInbox = () => void queryClient.invalidateQueries({ queryKey: trpc.inbox.pathKey() });
  const claim = useMutation(
    trpc.conversations.claim.mutationOptions({
      onSuccess: () => {
        setNotice(t('inbox.claimed'));
        refreshInbox();
      },
      onError: (error) => {
        const conflict = conflictOf(error);
        setNotice(conflict ? t('inbox.claimConflict', conflictWords(conflict)) : null);
        refreshInbox();
      },
    }),
  );

  const open = (index: number) => {
    const row = rows[index];
    if (!row) return;
    setFocusedIndex(index);
    url.open(row.id);
    requestAnimationFrame(() => paneRef.current?.focus());
  };
  const closePane = () => {
    url.close();
    requestAnimationFrame(() => tableRef.current?.focusRow(focusedIndex));
  };
  const openNext = () => {
    const index = rows.findIndex((r) => r.id === conversationId);
    const next = rows[index + 1] ?? rows[index - 1];
    if (next && next.id !== conversationId) open(rows.indexOf(next));
    else closePane();
  };

  useInboxShortcuts(
    {
      move: (delta) => {
        const next = Math.max(0, Math.min(rows.length - 1, focusedIndex + delta));
        setFocusedIndex(next);
        tableRef.current?.focusRow(next);
      },
      openFocused: () => open(focusedIndex),
      toggleFocused: () => focused && toggle(focused.id, false),
      claimFocused: () =>
        focused && claim.mutate({ organizationId, conversationId: focused.id, expectedVersion: focused.version }),
      goView: (next: InboxView) => url.goView(next),
      focusSearch: () => searchRef.current?.focus(),
      showHelp: () => setHelp(true),
      closePane,
    },
    conversationId !== null,
  );

  const selectedRows = rows.filter((r) => selected.has(r.id));
  const definition = {
    view: isBuiltInView(view) ? view : 'all_open',
    filters: requestFilters(state),
    sort: state.sort ?? 'priority',
  } as const;
  const viewName = isBuiltInView(view) ? t(`inbox.views.${view}`) : t('inbox.views.savedView');
  const needsBrand = q !== null && !state.brandId;

  return (
    <div className={`inbox${conversationId ? ' inbox-with-pane' : ''}`}>
      <ViewList
        organizationId={organizationId}
        brandId={state.brandId}
        current={view}
        viewPath={url.viewPath}
        definition={definition}
        canShare={MANAGERS.includes(role)}
        onSaved={(id) => url.goView(id)}
      />
      <section className="inbox-main" aria-label={viewName}>
        <div className="inbox-top">
          <h1 className="inbox-title">{viewName}</h1>
          <label className="field-inline">
            <span>{t('inbox.brand.label')}</span>
            <select value={state.brandId ?? ''} onChange={(e) => url.setState({ brandId: e.target.value || null })}>
              <option value="">{t('inbox.brand.all')}</option>
              {lookups.brands.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </label>
          <SearchBox
            ref={searchRef}
            value={state.q}
            onChange={(text) => url.setState({ q: text }, { replace: true })}
          />
          <button type="button" className="button button-small" onClick={() => setHelp(true)} aria-keyshortcuts="?">
            {t('shortcuts.button')}
          </button>
        </div>
        <FiltersBar
          filters={state.filters}
          sort={state.sort}
          lookups={lookups}
          onChange={(filters) => url.setState({ filters })}
          onSort={(sort) => url.setState({ sort })}
        />
        {needsBrand ? (
          <p className="callout" role="status">
            {t('inbox.search.pickBrand')}
          </p>
        ) : null}
        {selectedRows.length ? (
          <BulkToolbar
            organizationId={organizationId}
            selected={selectedRows}
            lookups={lookups}
            meId={meId}
            onDone={() => {
              setSelected(new Set());
              refreshInbox();
            }}
            onConflict={refreshInbox}
            onClear={() => setSelected(new Set())}
          />
        ) : null}
        {notice ? (
          <p className="alert" role="status">
            {notice}
          </p>
        ) : null}
        <ListBody list={list} rows={rows} searching={list.searching}>
          <InboxTable
            key={`${view}|${url.search}`}
            handle={tableRef}
            rows={rows}
            cells={cells}
            focusedIndex={focusedIndex}
            openId={conversationId}
            onOpen={open}
            onFocusIndex={setFocusedIndex}
            hasNextPage={list.hasNextPage}
            isFetchingNextPage={list.isFetchingNextPage}
            fetchNextPage={list.fetchNextPage}
            label={t('inbox.list.label', { view: viewName })}
          />
        </ListBody>
        {!list.isPending && !list.error && !list.hasNextPage ? (
          <HiddenHistoryNote
            hidden={list.hiddenHistory}
            brands={lookups.brands}
            named={!state.brandId && lookups.brands.length > 1}
            role={role}
            organizationId={organizationId}
          />
        ) : null}
      </section>
      {conversationId ? (
        <section ref={paneRef} className="inbox-pane" tabIndex={-1} aria-label={t('inbox.pane')}>
          <Suspense fallback={<Loading />}>
            <ConversationPane
              organizationId={organizationId}
              conversationId={conversationId}
              onNext={openNext}
              onClose={closePane}
            />
          </Suspense>
        </section>
      ) : null}
      {help ? <ShortcutHelp onClose={() => setHelp(false)} /> : null}
    </div>
  );
}

function ListBody({
  list,
  rows,
  searching,
  children,
}: {
  list: ReturnType<typeof useInboxList>;
  rows: ListRow[];
  searching: boolean;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  if (list.isPending) return <Loading label={t('inbox.list.loading')} />;
  if (list.error) {
    return (
      <div className="stack">
        <ErrorMessage error={list.error} />
        <button type="button" className="button" onClick={list.refetch}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (!rows.length) {
    return (
      <div className="empty-state">
        <p>{searching ? t('inbox.list.noHits') : t('inbox.list.empty')}</p>
        <p className="muted">{searching ? t('inbox.list.noHitsHint') : t('inbox.list.emptyHint')}</p>
      </div>
    );
  }
  return <>{children}</>;
}
