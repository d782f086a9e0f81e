import {
  CONVERSATION_STATUSES,
  savedViewDefinitionSchema,
  type ConversationStatus,
  type InboxFilters,
  type InboxSort,
  type InboxView,
} from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { hiddenHistory, isClosed, keptIsShorter, type HiddenRetention } from '../billing/retention.ts';
import type { ConversationScope, IdsOrNone } from './inbox-list.repository.ts';
import {
  countChannels,
  countMembers,
  countTags,
  countTeams,
  findSavedView,
  organizationBrandIds,
  teamIdsOfMembership,
} from './inbox.repository.ts';

/** The caller of an inbox procedure. */
export interface InboxActor {
  userId: string;
  organizationId: string;
  membershipId: string;
  /** Brands the membership is limited to (empty: all brands of the organization). */
  brandIds: readonly string[];
}

const OPEN_WORK: ConversationStatus[] = ['new', 'open', 'pending', 'snoozed'];

/** What each built-in view reads, before filters: statuses and the view's own condition. */
export const VIEW_STATUSES: Record<InboxView, ConversationStatus[]> = {
  new: ['new'],
  mine: OPEN_WORK,
  unassigned: ['new', 'open'],
  my_team: OPEN_WORK,
  all_open: ['new', 'open'],
  pending: ['pending'],
  snoozed: ['snoozed'],
  resolved: ['resolved'],
};

/** Brands the member may see, in the organization. */
export async function visibleBrands(db: DbOrTx, actor: InboxActor): Promise<string[]> {
  const all = await organizationBrandIds(db, actor.organizationId);
  return actor.brandIds.length ? all.filter((id) => actor.brandIds.includes(id)) : all;
}

/** One brand the member may see, else NOT_FOUND (another tenant's brand reads as missing). */
export async function assertVisibleBrand(db: DbOrTx, actor: InboxActor, brandId: string) {
  if (!(await visibleBrands(db, actor)).includes(brandId)) throw notFound('Brand');
}

const unique = <T>(xs: readonly T[]) => [...new Set(xs)];
const intersect = <T>(a: T[] | undefined, b: T[] | undefined) => (a && b ? a.filter((x) => b.includes(x)) : (a ?? b));

function splitNone(values: readonly string[] | undefined): IdsOrNone | undefined {
  if (!values) return undefined;
  return { ids: unique(values.filter((v) => v !== 'none')), none: values.includes('none') };
}

/**
 * Checks every id of request filters against the organization and the member's brands: any foreign or
 * forbidden id → NOT_FOUND (the cross-tenant suite relies on it).
 */
async function assertFilterIds(db: DbOrTx, actor: InboxActor, brands: string[], f: InboxFilters) {
  const org = actor.organizationId;
  const check = async (
    values: readonly string[] | undefined,
    what: string,
    count: (ids: string[]) => Promise<number>,
  ) => {
    const ids = unique((values ?? []).filter((v) => v !== 'none'));
    if (ids.length && (await count(ids)) !== ids.length) throw notFound(what);
  };
  if (f.brandIds?.some((id) => !brands.includes(id))) throw notFound('Brand');
  await check(f.channelIds, 'Channel', (ids) => countChannels(db, org, brands, ids));
  await check(f.tagIds, 'Tag', (ids) => countTags(db, org, brands, ids));
  await check(f.teamIds, 'Team', (ids) => countTeams(db, org, ids));
  await check(f.assigneeUserIds, 'Assignee', (ids) => countMembers(db, org, ids));
}

/** A saved view's definition, parsed with the shared schema (an invalid one → VALIDATION). */
async function savedViewDefinition(db: DbOrTx, actor: InboxActor, viewId: string) {
  const view = await findSavedView(db, actor.organizationId, actor.userId, viewId);
  if (!view) throw notFound('Saved view');
  const parsed = savedViewDefinitionSchema.safeParse(view.definition);
  if (!parsed.success) throw new DomainError('VALIDATION', 'This saved view has an invalid definition', { viewId });
  return parsed.data;
}

/** AND of two filter sets (values of one filter intersect; dates narrow). `null`: nothing can match. */
function narrow(a: InboxFilters, b: InboxFilters): InboxFilters | null {
  if (a.vip !== undefined && b.vip !== undefined && a.vip !== b.vip) return null;
  const later = (x?: string, y?: string) => (x && y ? (Date.parse(x) > Date.parse(y) ? x : y) : (x ?? y));
  const earlier = (x?: string, y?: string) => (x && y ? (Date.parse(x) < Date.parse(y) ? x : y) : (x ?? y));
  const merged: InboxFilters = {
    brandIds: intersect(a.brandIds, b.brandIds),
    channelIds: intersect(a.channelIds, b.channelIds),
    statuses: intersect(a.statuses, b.statuses),
    priorities: intersect(a.priorities, b.priorities),
    sentiments: intersect(a.sentiments, b.sentiments),
    languages: intersect(a.languages, b.languages),
    tagIds: intersect(a.tagIds, b.tagIds),
    assigneeUserIds: intersect(a.assigneeUserIds, b.assigneeUserIds),
    teamIds: intersect(a.teamIds, b.teamIds),
    slaStates: intersect(a.slaStates, b.slaStates),
    vip: a.vip ?? b.vip,
    from: later(a.from, b.from),
    to: earlier(a.to, b.to),
  };
  const lists = [merged.brandIds, merged.channelIds, merged.statuses, merged.priorities, merged.sentiments];
  const more = [merged.languages, merged.tagIds, merged.assigneeUserIds, merged.teamIds, merged.slaStates];
  return [...lists, ...more].some((l) => l !== undefined && l.length === 0) ? null : merged;
}

export interface ResolvedQuery {
  /** null: the view and filters cannot match anything. */
  scope: ConversationScope | null;
  sort: InboxSort;
  /** The scope's brands whose closed history is hidden by their plan (billing/retention.ts). */
  hidden: HiddenRetention[];
}

/**
 * Turns (view, filters, sort) into a checked conversation scope: a built-in view or a saved view (own or
 * shared; its filters narrowed by the request's), the member's brands, and ids validated.
 */
export async function resolveQuery(
  db: DbOrTx,
  actor: InboxActor,
  input: { view: string; filters: InboxFilters; sort?: InboxSort | undefined },
  opts: { brandId?: string } = {},
): Promise<ResolvedQuery> {
  // Retention (billing/retention.ts): which of the member's brands hide closed history, asked at once beside the
  // checks below (a pooled server runs it meanwhile) when the view may show closed conversations.
  const builtIn = VIEW_STATUSES[input.view as InboxView] as ConversationStatus[] | undefined;
  const retention =
    !builtIn || builtIn.some(isClosed)
      ? hiddenHistory(db, actor.organizationId, actor.brandIds.length ? actor.brandIds : null)
      : null;
  // Awaited only if the scope shows a closed status: a check that throws first must not leave it unhandled.
  retention?.catch(() => undefined);
  const brands = await visibleBrands(db, actor);
  if (opts.brandId && !brands.includes(opts.brandId)) throw notFound('Brand');
  await assertFilterIds(db, actor, brands, input.filters);
  let view: InboxView | typeof EVERY_STATUS;
  let filters: InboxFilters | null = input.filters;
  let sort = input.sort;
  if (input.view === EVERY_STATUS || (CONVERSATION_VIEWS as readonly string[]).includes(input.view)) {
    view = input.view as InboxView | typeof EVERY_STATUS;
  } else {
    const def = await savedViewDefinition(db, actor, input.view);
    view = def.view;
    sort ??= def.sort;
    // Ids stored in a saved view were checked when it was saved; one removed since simply matches nothing.
    filters = narrow({ ...def.filters, brandIds: def.filters.brandIds?.filter((id) => brands.includes(id)) }, filters);
  }
  sort ??= 'priority';
  if (!filters) return { scope: null, sort, hidden: [] };
  const brandIds = intersect(intersect(brands, filters.brandIds), opts.brandId ? [opts.brandId] : undefined) ?? [];
  const statuses =
    intersect(view === EVERY_STATUS ? [...CONVERSATION_STATUSES] : VIEW_STATUSES[view], filters.statuses) ?? [];
  let assignees = splitNone(filters.assigneeUserIds);
  let teams = splitNone(filters.teamIds);
  if (view === 'mine') assignees = narrowIds(assignees, { ids: [actor.userId], none: false });
  if (view === 'unassigned') assignees = narrowIds(assignees, { ids: [], none: true });
  if (view === 'my_team') {
    const mine = await teamIdsOfMembership(db, actor.organizationId, actor.membershipId);
    teams = narrowIds(teams, { ids: mine, none: false });
  }
  const empty = (x?: IdsOrNone) => x !== undefined && !x.none && x.ids.length === 0;
  if (!brandIds.length || !statuses.length || empty(assignees) || empty(teams))
    return { scope: null, sort, hidden: [] };
  // Retention: closed conversations older than their brand's plan keeps are left out (none asked: nothing to do).
  const hidden =
    retention && statuses.some(isClosed) ? (await retention).filter((h) => brandIds.includes(h.brandId)) : [];
  return {
    sort,
    hidden,
    scope: {
      organizationId: actor.organizationId,
      brandIds,
      statuses: CONVERSATION_STATUSES.filter((s) => statuses.includes(s)),
      ...(assignees && { assignees }),
      ...(teams && { teams }),
      ...(filters.channelIds && { channelIds: unique(filters.channelIds) }),
      ...(filters.priorities && { priorities: unique(filters.priorities) }),
      ...(filters.sentiments && { sentiments: unique(filters.sentiments) }),
      ...(filters.languages && { languages: unique(filters.languages) }),
      ...(filters.tagIds && { tagIds: unique(filters.tagIds) }),
      ...(filters.slaStates && { slaStates: unique(filters.slaStates) }),
      ...(filters.vip !== undefined && { vip: filters.vip }),
      ...(filters.from && { from: new Date(filters.from) }),
      ...(filters.to && { to: new Date(filters.to) }),
      ...(hidden.length && {
        hidden: hidden.map((h) => ({ brandId: h.brandId, before: h.cutoff, keptFirst: keptIsShorter(h) })),
      }),
    },
  };
}

const CONVERSATION_VIEWS = Object.keys(VIEW_STATUSES);
/** Not a view of the inbox: every status (search). */
export const EVERY_STATUS = '*';

function narrowIds(a: IdsOrNone | undefined, b: IdsOrNone): IdsOrNone {
  if (!a) return b;
  return { ids: a.ids.filter((id) => b.ids.includes(id)), none: a.none && b.none };
}
