import { createColumnHelper, flexRender, tableFeatures, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type Ref } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import type { ListRow } from '../hooks/use-inbox-list.ts';
import {
  AssigneeCell,
  BrandCell,
  CustomerCell,
  HeaderLabel,
  InboxCellContext,
  MessageCell,
  PriorityCell,
  SelectAllHeader,
  SelectCell,
  SentimentCell,
  SlaCell,
  TagsCell,
  WaitingCell,
  type CellContextValue,
} from './inbox-cells.tsx';

/** Fixed row height: the virtualiser positions rows without measuring them. */
export const ROW_HEIGHT = 56;
const OVERSCAN = 8;
/** Fetch the next page when the last rendered row is this close to the end. */
const PREFETCH_ROWS = 15;

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, ListRow>();
const columns = helper.columns([
  helper.display({
    id: 'select',
    header: () => <SelectAllHeader />,
    cell: ({ row }) => <SelectCell row={row.original} />,
  }),
  helper.display({
    id: 'customer',
    header: () => <HeaderLabel label="customer" />,
    cell: ({ row }) => <CustomerCell row={row.original} />,
  }),
  helper.display({
    id: 'message',
    header: () => <HeaderLabel label="message" />,
    cell: ({ row }) => <MessageCell row={row.original} />,
  }),
  helper.display({
    id: 'brand',
    header: () => <HeaderLabel label="brand" />,
    cell: ({ row }) => <BrandCell row={row.original} />,
  }),
  helper.display({
    id: 'sentiment',
    header: () => <HeaderLabel label="sentiment" />,
    cell: ({ row }) => <SentimentCell row={row.original} />,
  }),
  helper.display({
    id: 'priority',
    header: () => <HeaderLabel label="priority" />,
    cell: ({ row }) => <PriorityCell row={row.original} />,
  }),
  helper.display({
    id: 'tags',
    header: () => <HeaderLabel label="tags" />,
    cell: ({ row }) => <TagsCell row={row.original} />,
  }),
  helper.display({
    id: 'assignee',
    header: () => <HeaderLabel label="assignee" />,
    cell: ({ row }) => <AssigneeCell row={row.original} />,
  }),
  helper.display({
    id: 'waiting',
    header: () => <HeaderLabel label="waiting" />,
    cell: ({ row }) => <WaitingCell row={row.original} />,
  }),
  helper.display({
    id: 'sla',
    header: () => <HeaderLabel label="sla" />,
    cell: ({ row }) => <SlaCell row={row.original} />,
  }),
]);

export interface InboxTableHandle {
  /** Scrolls the row into view and gives it the keyboard focus. */
  focusRow: (index: number) => void;
}

interface InboxTableProps {
  rows: ListRow[];
  cells: CellContextValue;
  focusedIndex: number;
  openId: string | null;
  onOpen: (index: number) => void;
  onFocusIndex: (index: number) => void;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  label: string;
  handle?: Ref<InboxTableHandle>;
}

/**
 * The list: a TanStack Table model rendered as an ARIA grid, virtualised (only the visible rows plus an overscan
 * exist in the DOM, so 10,000 loaded rows stay smooth). Live refetches never move the rows under the agent: the
 * first visible row is the anchor, and rows added above it are announced ("3 new — show") instead.
 */
export function InboxTable(props: InboxTableProps) {
  const { rows, cells, focusedIndex, openId, onOpen, onFocusIndex, hasNextPage, isFetchingNextPage, fetchNextPage } =
    props;
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  // Stable handlers for the memoised rows, calling the latest props (the page's handlers are new each render).
  const latest = useRef({ onOpen, onFocusIndex });
  useLayoutEffect(() => {
    latest.current = { onOpen, onFocusIndex };
  });
  const [{ openAt, focusAt }] = useState(() => ({
    openAt: (index: number) => latest.current.onOpen(index),
    focusAt: (index: number) => latest.current.onFocusIndex(index),
  }));
  // TanStack Virtual returns fresh functions each render (the compiler skips this component; that is intended).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    getItemKey: (index) => rows[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  // The table models only the rows in the virtual window (≈ 40 of up to 10,000 loaded): building a row model of
  // every loaded row cost most of the time to show a long cached list again (P9). Sorting and selection live
  // outside the table (server order, `cells.selected`), so nothing needs the full model.
  const first = items[0]?.index ?? 0;
  const end = (items.at(-1)?.index ?? -1) + 1;
  const windowRows = useMemo(() => rows.slice(first, end), [rows, first, end]);
  const table = useTable({ features, columns, data: windowRows, getRowId: (row) => row.id });
  const modelRows = table.getRowModel().rows;

  useImperativeHandle(props.handle, () => ({
    focusRow(index) {
      virtualizer.scrollToIndex(index, { align: 'auto' });
      requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus());
    },
  }));

  // Infinite loading: the next page when the end of the rendered window nears the end of the loaded rows.
  const lastIndex = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - PREFETCH_ROWS) fetchNextPage();
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  // Scroll anchoring across refetches.
  const anchor = useRef<{ id: string; index: number; offset: number } | null>(null);
  const knownIds = useRef<Set<string>>(new Set());
  const [newAbove, setNewAbove] = useState(0);
  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    if (element.scrollTop < ROW_HEIGHT / 2) {
      anchor.current = null;
      setNewAbove(0);
      return;
    }
    const index = Math.floor(element.scrollTop / ROW_HEIGHT);
    const id = rows[index]?.id;
    anchor.current = id ? { id, index, offset: element.scrollTop - index * ROW_HEIGHT } : null;
  };
  useLayoutEffect(() => {
    const known = knownIds.current;
    const current = anchor.current;
    const element = scrollRef.current;
    if (current && element) {
      const index = rows.findIndex((row) => row.id === current.id);
      if (index >= 0 && index !== current.index) {
        const added = rows.slice(0, index).filter((row) => !known.has(row.id)).length;
        element.scrollTop = index * ROW_HEIGHT + current.offset;
        anchor.current = { ...current, index };
        if (added > 0) setNewAbove((n) => n + added);
      }
    }
    knownIds.current = new Set(rows.map((row) => row.id));
  }, [rows]);

  const showNew = () => {
    setNewAbove(0);
    anchor.current = null;
    virtualizer.scrollToOffset(0);
  };

  return (
    <InboxCellContext.Provider value={cells}>
      <div className="inbox-table">
        {newAbove > 0 ? (
          <button type="button" className="button button-small inbox-new-rows" onClick={showNew}>
            {t('inbox.list.newRows', { count: newAbove })}
          </button>
        ) : null}
        <div
          ref={scrollRef}
          className="inbox-scroll"
          role="grid"
          aria-label={props.label}
          aria-rowcount={rows.length + 1}
          onScroll={onScroll}
        >
          <div className="inbox-row inbox-header" role="row" aria-rowindex={1}>
            {table.getHeaderGroups()[0]?.headers.map((header) => (
              <div key={header.id} role="columnheader" className={`inbox-cell inbox-col-${header.id}`}>
                <table.FlexRender header={header} />
              </div>
            ))}
          </div>
          <div className="inbox-body" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = modelRows[item.index - first];
              if (!row) return null;
              return (
                <InboxRowView
                  key={row.id}
                  row={row}
                  index={item.index}
                  start={item.start}
                  selected={cells.selected.has(row.id)}
                  open={row.id === openId}
                  focused={item.index === focusedIndex}
                  onOpen={openAt}
                  onFocusIndex={focusAt}
                />
              );
            })}
          </div>
          {isFetchingNextPage ? <p className="inbox-more muted">{t('inbox.list.loadingMore')}</p> : null}
        </div>
      </div>
    </InboxCellContext.Provider>
  );
}

type ModelRow = ReturnType<ReturnType<typeof useTable<typeof features, ListRow>>['getRowModel']>['rows'][number];

interface InboxRowViewProps {
  row: ModelRow;
  index: number;
  start: number;
  selected: boolean;
  open: boolean;
  focused: boolean;
  onOpen: (index: number) => void;
  onFocusIndex: (index: number) => void;
}

/**
 * One row of the grid. Memoised on the row's data, position and state: scrolling by a few rows re-renders only
 * the rows that came in, not the whole window (the table hands out new row objects as the window moves). The
 * cells still follow the cell context (selection, presence, the clock).
 */
const InboxRowView = memo(
  function InboxRowView({ row, index, start, selected, open, focused, onOpen, onFocusIndex }: InboxRowViewProps) {
    const classes = ['inbox-row'];
    if (selected) classes.push('inbox-row-selected');
    if (open) classes.push('inbox-row-open');
    if (focused) classes.push('inbox-row-focused');
    return (
      <div
        role="row"
        aria-rowindex={index + 2}
        aria-selected={selected}
        aria-current={open ? 'true' : undefined}
        data-index={index}
        data-conversation-id={row.id}
        tabIndex={focused ? 0 : -1}
        className={classes.join(' ')}
        style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
        onClick={() => onOpen(index)}
        onFocus={() => onFocusIndex(index)}
      >
        {row.getAllCells().map((cell) => (
          <div key={cell.id} role="gridcell" className={`inbox-cell inbox-col-${cell.column.id}`}>
            {flexRender(cell.column.columnDef.cell, cell.getContext())}
          </div>
        ))}
      </div>
    );
  },
  (a, b) =>
    a.row.original === b.row.original &&
    a.index === b.index &&
    a.start === b.start &&
    a.selected === b.selected &&
    a.open === b.open &&
    a.focused === b.focused &&
    a.onOpen === b.onOpen &&
    a.onFocusIndex === b.onFocusIndex,
);
