/** A page of the list as the server sends it (keyset: `nextCursor` continues after its last row). */
export interface ListPage {
  rows: readonly { id: string }[];
  nextCursor?: string | null;
}
export interface LoadedPages<P extends ListPage> {
  pages: P[];
  pageParams: (string | null)[];
}

/** Up to this many pages (250 rows) a live change refetches the whole list; beyond, only its head. */
export const HEAD_PAGES = 5;
/** Pages fetched past the head while looking for where the kept pages start (rows may have moved down). */
const EXTRA_PAGES = 5;

/**
 * The list after a live change, when many pages are loaded: refetching every page (200 requests for 10,000 rows,
 * restarted by each new change) would never finish on a busy inbox. Instead the head is fetched again, page
 * after page with fresh cursors, until it reaches the first row of the first page kept; the pages from there on
 * are kept as loaded (their rows are refreshed when the list is opened again; actions on them are guarded by
 * version). Returns null when the whole list should be refetched: few pages loaded, or the boundary row was not
 * found within the extra pages (it left the view or moved far).
 */
export async function refreshHead<P extends ListPage>(
  loaded: LoadedPages<P>,
  fetchPage: (cursor: string | null) => Promise<P>,
  head = HEAD_PAGES,
): Promise<LoadedPages<P> | null> {
  if (loaded.pages.length <= head) return null;
  const boundary = loaded.pages[head]?.rows[0]?.id;
  if (!boundary) return null;
  const pages: P[] = [];
  const pageParams: (string | null)[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < head + EXTRA_PAGES; i++) {
    const page = await fetchPage(cursor);
    pages.push(page);
    pageParams.push(cursor);
    const at = page.rows.findIndex((row) => row.id === boundary);
    if (at >= 0) {
      // The head ends just before the boundary row; the kept pages follow (rows already loaded are shown once).
      pages[pages.length - 1] = { ...page, rows: page.rows.slice(0, at) };
      return {
        pages: [...pages, ...loaded.pages.slice(head)],
        pageParams: [...pageParams, ...loaded.pageParams.slice(head)],
      };
    }
    // The list now ends within the head: it is entirely fresh.
    if (!page.nextCursor) return { pages, pageParams };
    cursor = page.nextCursor;
  }
  return null;
}
