import type { PresenceEntry } from '@perch/shared';
import { createContext, useContext } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { formatDuration, highlightParts, initials, safeColor, slaClock, waitingFor } from '../format.ts';
import type { InboxLookups } from '../hooks/use-inbox-lookups.ts';
import type { ListRow } from '../hooks/use-inbox-list.ts';

/** What the cells read besides their row (one context, so the column definitions stay at module scope). */
export interface CellContextValue {
  lookups: Pick<InboxLookups, 'tagsById' | 'agentsById' | 'brandsById'>;
  presence: Map<string, PresenceEntry[]>;
  now: number;
  selected: ReadonlySet<string>;
  onToggle: (id: string, range: boolean) => void;
  /** The search text, highlighted in the matched text. */
  query: string | null;
  allSelected: boolean;
  onToggleAll: () => void;
}

export const InboxCellContext = createContext<CellContextValue | null>(null);

function useCells(): CellContextValue {
  const value = useContext(InboxCellContext);
  if (!value) throw new Error('InboxCellContext missing');
  return value;
}

export function HeaderLabel({
  label,
}: {
  label: 'customer' | 'message' | 'brand' | 'sentiment' | 'priority' | 'tags' | 'assignee' | 'waiting' | 'sla';
}) {
  const { t } = useTranslation();
  return <>{t(`inbox.columns.${label}`)}</>;
}

export function SelectAllHeader() {
  const { t } = useTranslation();
  const { allSelected, onToggleAll } = useCells();
  return <input type="checkbox" aria-label={t('inbox.bulk.selectAll')} checked={allSelected} onChange={onToggleAll} />;
}

export function SelectCell({ row }: { row: ListRow }) {
  const { t } = useTranslation();
  const { selected, onToggle } = useCells();
  return (
    <input
      type="checkbox"
      aria-label={t('inbox.bulk.selectRow', { name: row.customer.displayName })}
      checked={selected.has(row.id)}
      onClick={(event) => {
        event.stopPropagation();
        onToggle(row.id, event.shiftKey);
      }}
      onChange={() => {}}
    />
  );
}

export function CustomerCell({ row }: { row: ListRow }) {
  const { t } = useTranslation();
  const { customer } = row;
  return (
    <span className="inbox-customer">
      <span className="inbox-name">{customer.displayName}</span>
      {customer.verified ? (
        <span className="inbox-verified" title={t('inbox.row.verified')} aria-label={t('inbox.row.verified')}>
          ✓
        </span>
      ) : null}
      {row.isVip ? (
        <span className="inbox-vip" title={t('inbox.row.vip')} aria-label={t('inbox.row.vip')}>
          ★
        </span>
      ) : null}
      {customer.username ? <span className="inbox-handle muted">@{customer.username}</span> : null}
    </span>
  );
}

/** The snippet, or in a search the matched text with the query's words in <mark> (split as text, never HTML). */
export function MessageCell({ row }: { row: ListRow }) {
  const { query } = useCells();
  const text = row.matchedText ?? row.snippet;
  if (!query || row.matchedText === undefined) return <span className="inbox-snippet">{text}</span>;
  return (
    <span className="inbox-snippet">
      {highlightParts(text, query).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text))}
    </span>
  );
}

export function BrandCell({ row }: { row: ListRow }) {
  const { lookups } = useCells();
  return <span className="inbox-ellipsis">{lookups.brandsById.get(row.brandId)?.name ?? ''}</span>;
}

export function SentimentCell({ row }: { row: ListRow }) {
  const { t } = useTranslation();
  if (!row.sentiment) return <span className="muted">—</span>;
  return (
    <span className={`inbox-sentiment inbox-sentiment-${row.sentiment}`}>{t(`inbox.sentiment.${row.sentiment}`)}</span>
  );
}

export function PriorityCell({ row }: { row: ListRow }) {
  const { t } = useTranslation();
  return <span className={`badge inbox-priority-${row.priority}`}>{t(`inbox.priority.${row.priority}`)}</span>;
}

export function TagsCell({ row }: { row: ListRow }) {
  const { lookups } = useCells();
  return (
    <span className="inbox-tags">
      {row.tagIds.map((id) => {
        const tag = lookups.tagsById.get(id);
        if (!tag) return null;
        const color = safeColor(tag.color);
        return (
          <span key={id} className="inbox-tag" style={color ? { borderColor: color } : undefined}>
            <span className="inbox-tag-dot" style={color ? { background: color } : undefined} aria-hidden="true" />
            {tag.name}
          </span>
        );
      })}
    </span>
  );
}

function presenceLabel(entries: PresenceEntry[] | undefined, t: (key: string, o?: object) => string): string | null {
  const first = entries?.[0];
  if (!first) return null;
  const typing = entries.find((e) => e.typing);
  return typing ? t('inbox.presence.typing', { name: typing.name }) : t('inbox.presence.viewing', { name: first.name });
}

export function AssigneeCell({ row }: { row: ListRow }) {
  const { t } = useTranslation();
  const { lookups, presence } = useCells();
  const agent = row.assigneeUserId ? lookups.agentsById.get(row.assigneeUserId) : undefined;
  const label = presenceLabel(presence.get(row.id), t as never);
  return (
    <span className="inbox-assignee">
      {row.assigneeUserId ? (
        <span className="inbox-avatar" title={agent?.name ?? ''} aria-label={agent?.name ?? t('inbox.row.assigned')}>
          {agent ? initials(agent.name) : '?'}
        </span>
      ) : (
        <span className="muted">{t('inbox.row.unassigned')}</span>
      )}
      {label ? (
        <span className="inbox-presence">
          <span className="inbox-presence-dot" aria-hidden="true" />
          {label}
        </span>
      ) : null}
    </span>
  );
}

export function WaitingCell({ row }: { row: ListRow }) {
  const { i18n } = useTranslation();
  const { now } = useCells();
  const ms = waitingFor(row.waitingSince, now);
  return <span className="nowrap">{ms === null ? '—' : formatDuration(ms, i18n.language)}</span>;
}

export function SlaCell({ row }: { row: ListRow }) {
  const { t, i18n } = useTranslation();
  const { now } = useCells();
  const clock = slaClock(row.slaDueAt, now);
  if (clock.kind === 'none') return <span className="muted">—</span>;
  const duration = formatDuration(clock.ms, i18n.language);
  return (
    <span className={`nowrap inbox-sla inbox-sla-${clock.kind === 'overdue' ? 'breached' : row.slaState}`}>
      {clock.kind === 'overdue' ? t('inbox.sla.overdue', { duration }) : t('inbox.sla.dueIn', { duration })}
    </span>
  );
}
