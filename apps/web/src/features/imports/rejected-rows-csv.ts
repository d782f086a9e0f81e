import type { ImportUploadReport } from '@perch/shared';

/**
 * The rejected rows of a report as CSV (`line,reason`), RFC 4180 quoting, CRLF, with a BOM so spreadsheet apps
 * read it as UTF-8. A reason may quote the file's own content: a cell that a spreadsheet would run as a formula
 * (=, +, -, @, tab, CR) gets a leading apostrophe (OWASP "CSV injection").
 */
export function rejectedRowsCsv(rejected: ImportUploadReport['rejected']): string {
  const lines = [['line', 'reason'], ...rejected.map((r) => [String(r.line), r.error])];
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** `history.csv` → `history-rejected.csv`. */
export function rejectedFileName(fileName: string): string {
  const base = fileName.replace(/\.[^.]*$/, '') || 'import';
  return `${base}-rejected.csv`;
}

/** Lets the browser save `text` as a file. */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has been handled: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
