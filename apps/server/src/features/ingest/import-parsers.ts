import { IMPORT_CSV_COLUMNS, IMPORT_REQUIRED_CSV_COLUMNS } from '@perch/shared';
import { parse as parseCsvText } from 'csv-parse/sync';
import { normalizeGenericMention, type MentionOrError } from './generic-webhook.ts';
import type { NormalizedMention } from './normalized-mention.ts';

/**
 * Streaming parsers for bulk import (docs/ingest-formats.md). Every row comes out with its 1-based line number,
 * as a mention or as an error; a bad row never stops the import and the file is never held in memory.
 *
 * CSV record boundaries are found here, by a byte-level scanner that knows RFC 4180 quoting, and the fields are then
 * read by csv-parse one batch of complete records at a time. Why not csv-parse's stream with
 * `skip_records_with_error`: after a bad quote (`4,"x"y`) it stays in quoted mode and swallows the following rows,
 * and a broken row must cost that row only. Invalid UTF-8 is detected per record with a fatal TextDecoder.
 */

export interface ImportRow {
  /** Physical line where the record starts (1-based; the CSV header is line 1). 0 is never used. */
  line: number;
  mention?: NormalizedMention;
  error?: string;
  /** Not a rejection: e.g. unknown CSV columns, reported once on line 1 and ignored. */
  warning?: string;
}

export const MAX_RECORD_BYTES = 1024 * 1024;
/** The documented CSV columns (shared with the browser's import page); the first five are required. */
export const CSV_COLUMNS = IMPORT_CSV_COLUMNS;
const REQUIRED_COLUMNS: readonly string[] = IMPORT_REQUIRED_CSV_COLUMNS;
const BATCH_RECORDS = 256;
const BATCH_BYTES = 64 * 1024;
const [LF, CR, QUOTE, COMMA] = [0x0a, 0x0d, 0x22, 0x2c];
const CSV_OPTIONS = { relax_quotes: false, relax_column_count: true, record_delimiter: '\n' } as const;

type Input = NodeJS.ReadableStream | AsyncIterable<Buffer | string>;
type RawRecord = { line: number; bytes: Buffer; error?: undefined } | { line: number; error: string };

export async function* parseImport(input: Input, format: 'ndjson' | 'csv'): AsyncGenerator<ImportRow> {
  if (format === 'csv') yield* parseCsv(input);
  else yield* parseNdjson(input);
}

/** Byte chunks, without a leading UTF-8 BOM (which may arrive split across the first chunks). */
async function* byteChunks(input: Input): AsyncGenerator<Buffer> {
  let head: Buffer | null = Buffer.alloc(0);
  for await (const chunk of input as AsyncIterable<Buffer | Uint8Array | string>) {
    const bytes = Buffer.isBuffer(chunk)
      ? chunk
      : typeof chunk === 'string'
        ? Buffer.from(chunk, 'utf8')
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (head === null) {
      yield bytes;
      continue;
    }
    head = Buffer.concat([head, bytes]);
    if (head.length < 3) continue;
    yield head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
    head = null;
  }
  if (head?.length) yield head;
}

// CSV scanner states: only "inside a quoted field" matters for where a record ends; the others tell whether a quote
// opens a field (at its start), closes it, or is the first half of an escaped "" inside it.
const [START, UNQUOTED, QUOTED, QUOTE_SEEN] = [0, 1, 2, 3];

/** Finds the LF that ends the current CSV record (LFs inside quoted fields do not), keeping state across chunks. */
function csvBreaks(): (chunk: Buffer, from: number) => number {
  let state = START;
  return (chunk, from) => {
    for (let i = from; i < chunk.length; i++) {
      const byte = chunk[i];
      if (state === QUOTED) state = byte === QUOTE ? QUOTE_SEEN : QUOTED;
      else if (byte === QUOTE) state = state === UNQUOTED ? UNQUOTED : QUOTED;
      else if (byte === COMMA) state = START;
      else if (byte === LF) {
        state = START;
        return i;
      } else state = UNQUOTED;
    }
    return -1;
  };
}

/** Splits the stream into records (NDJSON: lines; CSV: records, which may span lines), each at most 1 MiB. */
async function* splitRecords(input: Input, csv: boolean): AsyncGenerator<RawRecord> {
  const nextBreak = csv ? csvBreaks() : (chunk: Buffer, from: number) => chunk.indexOf(LF, from);
  let parts: Buffer[] = [];
  let size = 0;
  let oversize = false;
  let line = 1;
  let innerLines = 0;
  const take = (piece: Buffer) => {
    innerLines += countLf(piece);
    // Past the cap the record is only scanned to its end, not kept: memory stays flat whatever the input.
    if (oversize || size + piece.length > MAX_RECORD_BYTES) [oversize, parts, size] = [true, [], 0];
    else [parts, size] = [[...parts, piece], size + piece.length];
  };
  const finish = (): RawRecord => {
    const last = line + innerLines;
    const record: RawRecord = oversize
      ? { line, error: `record longer than 1 MiB (an unclosed quote?), skipped up to line ${last}` }
      : { line, bytes: trimCr(Buffer.concat(parts, size)) };
    [parts, size, oversize, line, innerLines] = [[], 0, false, last + 1, 0];
    return record;
  };
  for await (const chunk of byteChunks(input)) {
    let from = 0;
    for (let end = nextBreak(chunk, 0); end !== -1; end = nextBreak(chunk, from)) {
      take(chunk.subarray(from, end));
      from = end + 1;
      yield finish();
    }
    if (from < chunk.length) take(chunk.subarray(from));
  }
  if (size > 0 || oversize) yield finish();
}

function countLf(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(LF); i !== -1; i = bytes.indexOf(LF, i + 1)) n++;
  return n;
}

function trimCr(bytes: Buffer): Buffer {
  return bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.subarray(0, -1) : bytes;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes one record; the fatal decoder throws where a lenient one would silently insert U+FFFD. */
function decode(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

async function* parseNdjson(input: Input): AsyncGenerator<ImportRow> {
  for await (const record of splitRecords(input, false)) {
    if (record.error !== undefined) {
      yield record;
      continue;
    }
    const text = decode(record.bytes);
    if (text === null) yield { line: record.line, error: 'invalid UTF-8' };
    else if (text.trim() === '') continue;
    else yield { line: record.line, ...fromJson(text) };
  }
}

function fromJson(text: string): MentionOrError {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: `invalid JSON: ${(e as Error).message.slice(0, 200)}` };
  }
  return normalizeGenericMention(value);
}

async function* parseCsv(input: Input): AsyncGenerator<ImportRow> {
  let columns: string[] | null = null;
  let batch: { line: number; text: string }[] = [];
  let batchBytes = 0;
  for await (const record of splitRecords(input, true)) {
    if (record.error === undefined && record.bytes.length === 0) continue;
    const text = record.error === undefined ? decode(record.bytes) : null;
    if (columns === null) {
      const header = text === null ? { error: record.error ?? 'invalid UTF-8' } : readHeader(text);
      if ('error' in header) {
        // Without usable columns every row would fail the same way: one clear error instead.
        yield { line: record.line, error: `header: ${header.error}` };
        return;
      }
      columns = header.columns;
      if (header.unknown.length)
        yield { line: record.line, warning: `unknown columns ignored: ${header.unknown.join(', ')}` };
      continue;
    }
    if (text === null) {
      yield* csvRows(batch, columns);
      [batch, batchBytes] = [[], 0];
      yield { line: record.line, error: record.error ?? 'invalid UTF-8' };
      continue;
    }
    batch.push({ line: record.line, text });
    batchBytes += text.length;
    if (batch.length < BATCH_RECORDS && batchBytes < BATCH_BYTES) continue;
    yield* csvRows(batch, columns);
    [batch, batchBytes] = [[], 0];
  }
  if (columns === null) yield { line: 1, error: `header: missing (expected ${CSV_COLUMNS.join(',')})` };
  else yield* csvRows(batch, columns);
}

function readHeader(text: string): { columns: string[]; unknown: string[] } | { error: string } {
  const fields = parseRecord(text);
  if (typeof fields === 'string') return { error: fields };
  const columns = fields.map((f) => f.trim().toLowerCase());
  const known: readonly string[] = CSV_COLUMNS;
  const duplicate = columns.find((c, i) => known.includes(c) && columns.indexOf(c) !== i);
  if (duplicate) return { error: `duplicate column "${duplicate}"` };
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) return { error: `missing required column(s): ${missing.join(', ')}` };
  return { columns, unknown: columns.filter((c) => !known.includes(c)).map((c) => JSON.stringify(c)) };
}

/** One record's fields, or csv-parse's reason (bad quote, …). */
function parseRecord(text: string): string[] | string {
  try {
    const records = parseCsvText(text, CSV_OPTIONS);
    return records.length === 1 && records[0] ? records[0] : `expected one record, got ${records.length}`;
  } catch (e) {
    return (e as Error).message.replace(/ (?:at|on) line \d+/g, '').slice(0, 300);
  }
}

/** Parses a batch in one csv-parse call; a syntax error anywhere falls back to record by record to isolate it. */
function* csvRows(batch: { line: number; text: string }[], columns: string[]): Generator<ImportRow> {
  if (batch.length === 0) return;
  const records = parseBatch(batch.map((r) => r.text));
  for (const [i, { line, text }] of batch.entries()) {
    const fields = records?.[i] ?? parseRecord(text);
    if (typeof fields === 'string') yield { line, error: fields };
    else if (fields.length !== columns.length) {
      yield { line, error: `expected ${columns.length} fields as in the header, got ${fields.length}` };
    } else yield { line, ...fromCsvFields(fields, columns) };
  }
}

function parseBatch(texts: string[]): string[][] | null {
  try {
    const records = parseCsvText(texts.join('\n'), CSV_OPTIONS);
    return records.length === texts.length ? records : null;
  } catch {
    return null;
  }
}

function fromCsvFields(fields: string[], columns: string[]): MentionOrError {
  const row = Object.fromEntries(columns.map((c, i) => [c, fields[i] ?? '']));
  const opt = (name: string) => (row[name] ? row[name] : undefined);
  const followers = opt('author_followers');
  if (followers !== undefined && !/^\d{1,15}$/.test(followers)) {
    return { error: 'author_followers: expected a non-negative integer' };
  }
  const verified = opt('author_verified')?.toLowerCase();
  if (verified !== undefined && !['true', 'false', '1', '0'].includes(verified)) {
    return { error: 'author_verified: expected true, false, 1 or 0' };
  }
  const result = normalizeGenericMention({
    id: row.id,
    text: row.text,
    created_at: row.created_at,
    in_reply_to_id: opt('in_reply_to_id'),
    kind: opt('kind'),
    author: {
      id: row.author_id,
      username: row.author_username,
      name: opt('author_name'),
      followers: followers === undefined ? undefined : Number(followers),
      verified: verified === undefined ? undefined : verified === 'true' || verified === '1',
    },
  });
  // Name columns, not JSON paths, in the report; keep the whole row (unknown columns included) for audit.
  if ('error' in result) return { error: result.error.replace(/\bauthor\.(\w+)/g, 'author_$1') };
  return { mention: { ...result.mention, raw: row } };
}
