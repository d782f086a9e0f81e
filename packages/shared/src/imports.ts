import { z } from 'zod';
import { idSchema } from './limits.ts';

/**
 * Bulk import of history from the browser (docs/ingest-formats.md, "Importing from the browser"):
 * `POST /api/organizations/:organizationId/imports?channelId=…&format=csv|ndjson` with the file as the raw body.
 */
export const IMPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Largest file the upload route takes (larger → 413). The command-line import has no limit. */
export const IMPORT_MAX_BYTES = 100 * 1024 * 1024;

/** The body's content type, by format (the server also takes `application/octet-stream` with `format`). */
export const IMPORT_CONTENT_TYPES: Record<ImportFormat, string> = {
  csv: 'text/csv',
  ndjson: 'application/x-ndjson',
};

/** The CSV columns, in their documented order; the first five are required. */
export const IMPORT_CSV_COLUMNS = [
  'id',
  'text',
  'created_at',
  'author_id',
  'author_username',
  'author_name',
  'author_followers',
  'author_verified',
  'in_reply_to_id',
  'kind',
] as const;
export const IMPORT_REQUIRED_CSV_COLUMNS = IMPORT_CSV_COLUMNS.slice(0, 5);

export const importQuery = z.strictObject({
  channelId: idSchema,
  /** Optional when the content type says it (`text/csv`, `application/x-ndjson`). */
  format: z.enum(IMPORT_FORMATS).optional(),
});

/** The upload's answer: every data row is either accepted or rejected (with its line); warnings are not rows. */
export const importUploadReport = z.object({
  channelId: idSchema,
  format: z.enum(IMPORT_FORMATS),
  bytes: z.number().int().min(0),
  rows: z.number().int().min(0),
  /** Valid rows, all stored when the answer comes: `stored` new ones, `duplicates` already there (or repeated). */
  accepted: z.number().int().min(0),
  stored: z.number().int().min(0),
  duplicates: z.number().int().min(0),
  /** Rows of the current month kept aside over a Free brand's quota: they reach the inbox later (docs/billing.md). */
  held: z.number().int().min(0),
  /** Exact count; `rejected` lists the first ones only (bounded). */
  rejectedRows: z.number().int().min(0),
  rejected: z.array(z.object({ line: z.number().int(), error: z.string() })),
  warnings: z.array(z.object({ line: z.number().int(), warning: z.string() })),
});
export type ImportUploadReport = z.infer<typeof importUploadReport>;
