import type { InboxFilters } from '@perch/shared';
import {
  CONVERSATION_STATUSES,
  INBOX_LIMITS,
  INBOX_SORTS,
  INBOX_VIEWS,
  PRIORITIES,
  SENTIMENTS,
  SLA_STATES,
  type InboxSort,
  type InboxView,
} from '@perch/shared/vocabulary';

/**
 * The inbox's state lives in the URL so a link or a reload restores it: the view and the open conversation in
 * the path (`/inbox/:view/c/:id`), the brand, filters, sort and search in the query string. Parsing never
 * throws: a value the contract (inboxFiltersSchema) refuses is dropped, the rest kept. The checks are written out
 * here rather than taken from the zod schema so that zod stays out of the inbox's first load (P8); a test checks
 * that every state parsed here is accepted by the schema.
 */

/** Multi-valued filters: URL key → filter field (values comma-separated: `status=open,pending`). */
export const MULTI_PARAMS = {
  channel: 'channelIds',
  status: 'statuses',
  priority: 'priorities',
  sentiment: 'sentiments',
  lang: 'languages',
  tag: 'tagIds',
  assignee: 'assigneeUserIds',
  team: 'teamIds',
  sla: 'slaStates',
} as const satisfies Record<string, keyof InboxFilters>;

export type MultiParam = keyof typeof MULTI_PARAMS;
export type MultiField = (typeof MULTI_PARAMS)[MultiParam];
/** The filters the bar edits (the brand has its own select). */
export type BarFilters = Omit<InboxFilters, 'brandIds'>;

export interface InboxUrlState {
  /** One brand, or null for all the brands I may see. */
  brandId: string | null;
  filters: BarFilters;
  /** null: the view's default (a saved view's sort, else priority). */
  sort: InboxSort | null;
  /** The search text ('' when not searching). */
  q: string;
}

export const EMPTY_STATE: InboxUrlState = { brandId: null, filters: {}, sort: null, q: '' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const isId = (v: string) => UUID.test(v);
const oneOf = (values: readonly string[]) => (v: string) => values.includes(v);
const idOrNone = (v: string) => v === 'none' || isId(v);

/** What each multi-valued filter accepts (the same rules as inboxFiltersSchema). */
const ACCEPTS: Record<MultiField, (value: string) => boolean> = {
  channelIds: isId,
  statuses: oneOf(CONVERSATION_STATUSES),
  priorities: oneOf(PRIORITIES),
  sentiments: oneOf(SENTIMENTS),
  languages: (v) => /^[a-z]{2,3}$/.test(v),
  tagIds: isId,
  assigneeUserIds: idOrNone,
  teamIds: idOrNone,
  slaStates: oneOf(SLA_STATES),
};

/** A built-in view or a saved view's id; anything else is null (the route then falls back). */
export function parseView(value: string | undefined): string | null {
  if (value === undefined) return null;
  return (INBOX_VIEWS as readonly string[]).includes(value) || isId(value) ? value : null;
}

export function isBuiltInView(view: string): view is InboxView {
  return (INBOX_VIEWS as readonly string[]).includes(view);
}

function multi(field: MultiField, raw: string | null): string[] | undefined {
  if (!raw) return undefined;
  const values = [...new Set(raw.split(',').map((v) => v.trim()))]
    .filter((v) => v && ACCEPTS[field](v))
    .slice(0, INBOX_LIMITS.filterValues);
  return values.length ? values : undefined;
}

function datetime(field: 'from' | 'to', raw: string | null): string | undefined {
  if (!raw) return undefined;
  return ISO_DATETIME.test(raw) && !Number.isNaN(Date.parse(raw)) ? raw : undefined;
}

export function parseInboxSearch(params: URLSearchParams): InboxUrlState {
  const filters: Record<string, unknown> = {};
  for (const [param, field] of Object.entries(MULTI_PARAMS) as [MultiParam, MultiField][]) {
    const values = multi(field, params.get(param));
    if (values) filters[field] = values;
  }
  if (params.get('vip') === '1') filters['vip'] = true;
  const from = datetime('from', params.get('from'));
  const to = datetime('to', params.get('to'));
  if (from) filters['from'] = from;
  if (to) filters['to'] = to;
  const brand = params.get('brand');
  const sort = params.get('sort');
  const q = (params.get('q') ?? '').trim().slice(0, INBOX_LIMITS.searchMax);
  return {
    brandId: brand && isId(brand) ? brand : null,
    filters: filters,
    sort: sort && (INBOX_SORTS as readonly string[]).includes(sort) ? (sort as InboxSort) : null,
    q,
  };
}

/** The query string of a state: stable key order, empty values left out (so equal states give equal URLs). */
export function serialiseInboxSearch(state: InboxUrlState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.brandId) params.set('brand', state.brandId);
  for (const [param, field] of Object.entries(MULTI_PARAMS) as [MultiParam, MultiField][]) {
    const values = state.filters[field];
    if (values?.length) params.set(param, values.join(','));
  }
  if (state.filters.vip) params.set('vip', '1');
  if (state.filters.from) params.set('from', state.filters.from);
  if (state.filters.to) params.set('to', state.filters.to);
  if (state.sort) params.set('sort', state.sort);
  if (state.q) params.set('q', state.q);
  return params;
}

/** The filters sent to the server: the bar's, narrowed to the selected brand. */
export function requestFilters(state: InboxUrlState): InboxFilters {
  return state.brandId ? { ...state.filters, brandIds: [state.brandId] } : { ...state.filters };
}

/** How many filters are active (for "Clear all" and the chips). */
export function activeFilterCount(filters: BarFilters): number {
  return Object.values(filters).filter((v) => (Array.isArray(v) ? v.length > 0 : Boolean(v))).length;
}

/** A search runs when the text is long enough; it needs one brand (the server searches one brand). */
export function searchText(state: InboxUrlState): string | null {
  return state.q.length >= INBOX_LIMITS.searchMin ? state.q : null;
}
