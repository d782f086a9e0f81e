import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refreshHead, type ListPage } from './list-head-refresh.ts';

type Page = ListPage & { rows: { id: string }[]; nextCursor: string | null };

/** A server over an ordered list of ids: keyset pages of `size`, the cursor being the last id of a page. */
function server(ids: string[], size: number) {
  const calls: (string | null)[] = [];
  const fetchPage = (cursor: string | null): Promise<Page> => {
    calls.push(cursor);
    // Keyset: after the cursor row's position (by id order in this list; a vanished cursor row restarts the scan).
    const from = cursor === null ? 0 : ids.indexOf(cursor) + 1;
    const rows = ids.slice(from, from + size).map((id) => ({ id }));
    return Promise.resolve({ rows, nextCursor: from + size < ids.length ? (rows.at(-1)?.id ?? null) : null });
  };
  return { fetchPage, calls };
}

async function loadPages(ids: string[], size: number, count: number) {
  const { fetchPage } = server(ids, size);
  const pages: Page[] = [];
  const pageParams: (string | null)[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < count; i++) {
    const page = await fetchPage(cursor);
    pages.push(page);
    pageParams.push(cursor);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return { pages, pageParams };
}

const shown = (pages: Page[]) => {
  const seen = new Set<string>();
  return pages.flatMap((p) => p.rows.map((r) => r.id)).filter((id) => !seen.has(id) && seen.add(id));
};
const idsOf = (n: number, prefix = 'c') =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);

describe('refreshing the head of a long list after a live change', () => {
  it('a short list is refetched whole (null)', async () => {
    const loaded = await loadPages(idsOf(100), 10, 5);
    expect(await refreshHead(loaded, server(idsOf(100), 10).fetchPage, 5)).toBeNull();
  });

  it('new rows on top: fetches the head plus as much as they pushed down, keeps the rest, loses no row', async () => {
    const before = idsOf(300);
    const loaded = await loadPages(before, 10, 20);
    const after = ['n1', 'n2', 'n3', ...before];
    const live = server(after, 10);
    const next = await refreshHead(loaded, live.fetchPage, 5);
    expect(next).not.toBeNull();
    // 6 requests for 53 rows instead of 20 for the whole list.
    expect(live.calls).toHaveLength(6);
    expect(shown(next!.pages)).toEqual(after.slice(0, 200 + 3));
    expect(next!.pages).toHaveLength(6 + 15);
    expect(next!.pageParams.slice(6)).toEqual(loaded.pageParams.slice(5));
  });

  it('the boundary row left the view: the whole list is refetched (null)', async () => {
    const before = idsOf(300);
    const loaded = await loadPages(before, 10, 20);
    const after = before.filter((id) => id !== 'c0050');
    expect(await refreshHead(loaded, server(after, 10).fetchPage, 5)).toBeNull();
  });

  it('property: after rows are removed from or added to the head, the list shows every row in order, once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 49 }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 12 }),
        async (removedAt, added) => {
          const before = idsOf(200);
          const loaded = await loadPages(before, 10, 12);
          const removed = new Set(removedAt.map((i) => before[i]!));
          const after = [...idsOf(added, 'n'), ...before.filter((id) => !removed.has(id))];
          const next = await refreshHead(loaded, server(after, 10).fetchPage, 5);
          if (next === null) return;
          // What is loaded (the first 12 pages' worth) shows as the server orders it now.
          const rows = shown(next.pages);
          expect(rows).toEqual(after.slice(0, rows.length));
          expect(rows.length).toBe(after.indexOf('c0119') + 1);
        },
      ),
      { numRuns: 200 },
    );
  });
});
