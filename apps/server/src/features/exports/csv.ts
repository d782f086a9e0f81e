import { EXPORT_HEADER } from './export-columns.ts';
import type { RawRow } from './export.repository.ts';

/** Excel reads a CSV as UTF-8 only when it starts with a byte order mark. */
export const UTF8_BOM = '\uFEFF';

/**
 * Spreadsheets run a cell starting with = + - @ (or a tab / carriage return, which some strip first) as a
 * formula: a customer named `=HYPERLINK(…)` must stay text. Such a cell gets a leading apostrophe (OWASP).
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field of user-controlled text: guarded, then quoted per RFC 4180 when it holds a comma, quote or newline. */
export function csvText(value: string): string {
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** The CSV file as chunks: BOM and header, then one chunk per batch (pulled: the reader sets the pace). */
export async function* csvChunks(
  batches: AsyncIterable<RawRow[]>,
  format: { csvLine(raw: RawRow): string },
): AsyncGenerator<string> {
  yield `${UTF8_BOM}${EXPORT_HEADER.join(',')}\r\n`;
  for await (const batch of batches) {
    let chunk = '';
    for (const raw of batch) chunk += format.csvLine(raw);
    yield chunk;
  }
}
