import type { z } from 'zod';
import type { searchInboxInput, SearchHit, SearchPage } from '@perch/shared';
import type { Db } from '../../db/database.ts';
import { decodeSearchCursor, searchCursorAfter } from './inbox-cursor.ts';
import { customerHits, customersByPrefix, recentWindowStart, textHits, type Hit } from './inbox-search.repository.ts';
import { EVERY_STATUS, resolveQuery, type InboxActor } from './inbox-scope.ts';
import { inboxRows, toInboxRow, withHidden } from './inbox.service.ts';

const SNIPPET = 200;

/** The words of the query, folded (lower case, no accents), for locating a match in a text. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** About 200 characters of `text` around the first query word found (stems: the first 4 letters), plain text. */
export function matchedExcerpt(text: string, query: string): string {
  if (text.length <= SNIPPET) return text;
  const folded = fold(text);
  const words = fold(query)
    .split(/[^\p{L}\p{N}_@]+/u)
    .filter((w) => w.length >= 2)
    .map((w) => w.replace(/^@/, '').slice(0, 4));
  const at = Math.min(...words.map((w) => folded.indexOf(w)).filter((i) => i >= 0), Number.MAX_SAFE_INTEGER);
  if (at === Number.MAX_SAFE_INTEGER) return text.slice(0, SNIPPET);
  const start = Math.max(0, Math.min(at - 60, text.length - SNIPPET));
  return text.slice(start, start + SNIPPET);
}

const newerFirst = (a: Hit, b: Hit) =>
  b.at.getTime() - a.at.getTime() ||
  (a.conversationId < b.conversationId ? 1 : a.conversationId > b.conversationId ? -1 : 0);

/**
 * Full-text search in one brand, newest first, one row per conversation: mention text (each mention in its
 * language's configuration) and customers whose handle or name starts with the query. Two keyset streams on
 * the same key (time, conversation id), disjoint by construction, merged here (docs/inbox.md "Search").
 */
export async function searchInbox(
  db: Db,
  actor: InboxActor,
  input: z.output<typeof searchInboxInput>,
  /** Tests shrink the recent window to exercise the GIN phase on a small data set. */
  opts: { recentWindow?: number } = {},
): Promise<SearchPage> {
  const { scope, hidden } = await resolveQuery(
    db,
    actor,
    { view: EVERY_STATUS, filters: { ...input.filters, brandIds: [input.brandId] } },
    { brandId: input.brandId },
  );
  const cursor = input.cursor ? decodeSearchCursor(input.cursor) : null;
  if (!scope) return { rows: [], nextCursor: null };
  const query = input.query.trim();
  const handle = query.replace(/^@/, '');
  const customers = handle.length >= 2 ? await customersByPrefix(db, actor.organizationId, handle) : [];
  // Recent window first (newest first, bounded reads); older mentions through the GIN index only if needed.
  const windowStart = await recentWindowStart(db, scope, cursor, opts.recentWindow);
  const want = input.limit + 1;
  const byText = await textHits(db, scope, query, customers, cursor, want, { from: windowStart });
  if (byText.length < want && windowStart) {
    const older = await textHits(db, scope, query, customers, cursor, want - byText.length, { before: windowStart });
    byText.push(...older);
  }
  const byCustomer = await customerHits(db, scope, customers, cursor, input.limit + 1);
  const merged = [...byText, ...byCustomer].sort(newerFirst);
  const page = merged.slice(0, input.limit);
  const rows = await inboxRows(
    db,
    actor.organizationId,
    page.map((h) => h.conversationId),
  );
  const hitOf = new Map(page.map((h) => [h.conversationId, h]));
  const hits: SearchHit[] = rows.map((r) => {
    const hit = hitOf.get(r.id);
    return {
      ...toInboxRow(r),
      matchedMentionId: hit?.mentionId ?? null,
      matchedText: hit?.text ? matchedExcerpt(hit.text, query) : r.snippet,
    };
  });
  const last = page.at(-1);
  return {
    rows: hits,
    nextCursor: merged.length > input.limit && last ? searchCursorAfter(last.at, last.conversationId) : null,
    ...withHidden(hidden),
  };
}
