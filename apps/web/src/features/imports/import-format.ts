import type { ImportFormat } from '@perch/shared';

/** File extensions the picker offers, with the format each one means. */
export const IMPORT_EXTENSIONS: Record<string, ImportFormat> = {
  '.csv': 'csv',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
};
export const IMPORT_ACCEPT = [...Object.keys(IMPORT_EXTENSIONS), 'text/csv', 'application/x-ndjson'].join(',');

/** The format a file name implies, or null when its extension says nothing. */
export function formatOfFileName(name: string): ImportFormat | null {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? null : (IMPORT_EXTENSIONS[name.slice(dot).toLowerCase()] ?? null);
}

/** "4.2 MB" / "512 kB" in `locale` (1 kB = 1,024 bytes, as file managers count). */
export function formatBytes(bytes: number, locale: string): string {
  const [value, unit] =
    bytes >= 1024 * 1024
      ? [bytes / 1024 / 1024, 'megabyte']
      : bytes >= 1024
        ? [bytes / 1024, 'kilobyte']
        : [bytes, 'byte'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}
