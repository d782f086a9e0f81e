import { brandsEntitledTo } from '../billing/entitlements.ts';
import type { DbOrTx } from '../../db/database.ts';
import { notFound } from '../../lib/errors.ts';
import { EVERY_STATUS, resolveQuery, type InboxActor } from '../inbox/inbox-scope.ts';
import type { ConversationScope } from '../inbox/inbox-list.repository.ts';
import { csvText } from './csv.ts';
import type { ExportRow } from './export-columns.ts';
import type { ExportFilters } from './export-filters.ts';
import {
  EXPORT_BATCH,
  exportBatchSql,
  exportDictionaries,
  type CreatedRange,
  type ExportDictionaries,
  type FetchRows,
  type RawRow,
  RAW,
} from './export.repository.ts';

/** Who exports: the same actor as the inbox's, so an export reads exactly the brands the member may see. */
export type ExportActor = InboxActor;

export interface ResolvedExport {
  /** null: the filters cannot match anything (the export is a header only). */
  scope: ConversationScope | null;
  created: CreatedRange;
  dictionaries: ExportDictionaries;
  /** The brands read, for the file name. */
  brandNames: string[];
}

/**
 * Checks the filters against the member's organization and brands — a foreign or forbidden id → NOT_FOUND, as in
 * the inbox (the same resolver) — and loads the name dictionaries.
 */
export async function resolveExport(db: DbOrTx, actor: ExportActor, filters: ExportFilters): Promise<ResolvedExport> {
  const { createdFrom, createdTo, lastMessageFrom, lastMessageTo, ...inbox } = filters;
  const { scope } = await resolveQuery(db, actor, {
    view: EVERY_STATUS,
    filters: {
      ...inbox,
      ...(lastMessageFrom && { from: lastMessageFrom }),
      ...(lastMessageTo && { to: lastMessageTo }),
    },
  });
  // Exports and scheduled reports are advanced analytics (docs/billing.md): brands listed must include it; over
  // "all brands", those whose plan lacks it are left out.
  if (scope) {
    const listed = (inbox.brandIds ?? []).length > 0;
    scope.brandIds = await brandsEntitledTo(db, actor.organizationId, scope.brandIds, 'advanced_analytics', listed);
  }
  const dictionaries = await exportDictionaries(db, actor.organizationId);
  return {
    scope,
    created: {
      ...(createdFrom && { from: new Date(createdFrom) }),
      ...(createdTo && { to: new Date(createdTo) }),
    },
    dictionaries,
    brandNames: (scope?.brandIds ?? []).map((id) => dictionaries.brands.get(id) ?? id),
  };
}

/** A brand restriction check for callers that take brand ids from elsewhere (scheduled reports). */
export function assertExportable(resolved: ResolvedExport, brandId: string) {
  if (!resolved.scope?.brandIds.includes(brandId)) throw notFound('Brand');
}

/**
 * The export's rows, a batch at a time, each batch read by one keyset query after the last id of the previous
 * one: nothing is held open between batches (other requests share the pool) and memory stays flat whatever the
 * size. The consumer pulls (an async generator): a slow client slows the reading, never the memory. The next
 * batch is asked for as soon as a batch arrives, so the database reads it while this one is encoded and sent
 * (at most two batches in memory).
 */
export async function* exportBatches(
  fetch: FetchRows,
  resolved: ResolvedExport,
  opts: { batch?: number; maxRows?: number } = {},
): AsyncGenerator<RawRow[]> {
  const { scope } = resolved;
  if (!scope) return;
  const batch = opts.batch ?? EXPORT_BATCH;
  let left = opts.maxRows ?? Number.POSITIVE_INFINITY;
  let limit = Math.min(batch, left);
  let pending: Promise<(string | null)[][]> | null = fetch(exportBatchSql(scope, resolved.created, null, limit));
  try {
    while (pending) {
      const rows: (string | null)[][] = await pending;
      pending = null;
      left -= rows.length;
      if (rows.length === limit && left > 0) {
        limit = Math.min(batch, left);
        pending = fetch(exportBatchSql(scope, resolved.created, rows[rows.length - 1]![0]!, limit));
      }
      if (rows.length) yield rows;
    }
  } finally {
    // The consumer stopped early (client gone): the read in flight is dropped, its outcome ignored.
    void pending?.catch(() => undefined);
  }
}

const nameOf = (map: Map<string, string>, id: string | null | undefined) => (id ? (map.get(id) ?? id) : null);

/**
 * Turns raw batch rows into export rows (XLSX, tests) or CSV lines. Names come from the dictionaries (an id no
 * longer known — a removed member — stays as the id); for CSV each name is guarded and quoted once, not per row.
 */
export function exportFormatter(d: ExportDictionaries) {
  const tagNames = (ids: string | null) =>
    ids
      ? ids
          .split(',')
          .map((id) => d.tags.get(id) ?? id)
          .join(', ')
      : null;
  const escaped = new Map<string, string>();
  const csvName = (map: Map<string, string>, id: string | null | undefined) => {
    if (!id) return '';
    let out = escaped.get(id);
    if (out === undefined) {
      out = csvText(map.get(id) ?? id);
      escaped.set(id, out);
    }
    return out;
  };
  // Tag sets repeat across conversations: their CSV text is kept, up to a bound (memory stays flat).
  const tagCache = new Map<string, string>();
  const csvTags = (ids: string | null) => {
    if (!ids) return '';
    let out = tagCache.get(ids);
    if (out === undefined) {
      out = csvText(tagNames(ids)!);
      if (tagCache.size < 10_000) tagCache.set(ids, out);
    }
    return out;
  };
  const csvUser = (s: string | null) => (s === null ? '' : csvText(s));
  return {
    row(raw: RawRow): ExportRow {
      const [status, priority] = raw[RAW.statusPriority]!.split(',');
      const facts = raw[RAW.facts]!.split(',');
      const metrics = raw[RAW.metrics]!.split(',');
      const orNull = (v: string | undefined) => (v === undefined || v === '' ? null : v);
      return [
        raw[RAW.id]!,
        nameOf(d.brands, raw[RAW.brandId]),
        nameOf(d.channels, raw[RAW.channelId]),
        raw[RAW.customer] ?? null,
        raw[RAW.handle] ?? null,
        status ?? null,
        priority ?? null,
        nameOf(d.users, raw[RAW.assigneeId]),
        nameOf(d.teams, raw[RAW.teamId]),
        tagNames(raw[RAW.tagIds] ?? null),
        ...facts.slice(0, 8).map(orNull),
        nameOf(d.users, raw[RAW.firstResponderId]),
        ...metrics.slice(0, 12).map(orNull),
      ];
    },
    /** One CSV record (RFC 4180, CRLF): Perch's own segments as they are, user text guarded and quoted. */
    csvLine(raw: RawRow): string {
      return `${raw[RAW.id]},${csvName(d.brands, raw[RAW.brandId])},${csvName(d.channels, raw[RAW.channelId])},${csvUser(
        raw[RAW.customer] ?? null,
      )},${csvUser(raw[RAW.handle] ?? null)},${raw[RAW.statusPriority]},${csvName(d.users, raw[RAW.assigneeId])},${csvName(
        d.teams,
        raw[RAW.teamId],
      )},${csvTags(raw[RAW.tagIds] ?? null)},${raw[RAW.facts]},${csvName(d.users, raw[RAW.firstResponderId])},${
        raw[RAW.metrics]
      }\r\n`;
    },
  };
}
export type ExportFormatter = ReturnType<typeof exportFormatter>;

/** perch-conversations-<brand or "all-brands">-<YYYY-MM-DD>.<format> (ASCII: every browser keeps it). */
export function exportFileName(brandNames: readonly string[], format: string, date = new Date()): string {
  const slug = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/[\s_]+/g, '-')
      .toLowerCase()
      .slice(0, 60) || 'brand';
  const brand = brandNames.length === 1 ? slug(brandNames[0]!) : 'all-brands';
  return `perch-conversations-${brand}-${date.toISOString().slice(0, 10)}.${format}`;
}
