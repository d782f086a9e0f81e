import { z } from 'zod';
import { INBOX_SORTS, PRIORITIES, type InboxSort } from '@perch/shared';
import { DomainError } from '../../lib/errors.ts';

/**
 * Opaque keyset cursors: base64url of a small JSON object, validated with zod when decoded. A cursor is a
 * position (the sort keys of the last row served), never a filter: the server rebuilds the query from the
 * request and only seeks past this position, so a tampered cursor can move the window but never widen it.
 */

/** A timestamp key: ISO 8601 with milliseconds, or 'infinity' for a NULL sorted last. */
const timeKey = z.union([z.iso.datetime({ offset: true }), z.literal('infinity')]);
const id = z.uuid();

const listCursorSchema = z.discriminatedUnion('s', [
  z.strictObject({ s: z.literal('priority'), k: z.tuple([z.enum(PRIORITIES), timeKey]), i: id }),
  z.strictObject({ s: z.enum(['sla_due', 'longest_waiting', 'newest', 'oldest']), k: z.tuple([timeKey]), i: id }),
]);
export type ListCursor = z.infer<typeof listCursorSchema>;

const searchCursorSchema = z.strictObject({ t: z.iso.datetime({ offset: true }), i: id });
export type SearchCursor = z.infer<typeof searchCursorSchema>;

const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

function decode<T>(schema: z.ZodType<T>, cursor: string): T {
  const invalid = () =>
    new DomainError('VALIDATION', 'Invalid cursor: start again from the first page', { field: 'cursor' });
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw invalid();
  return parsed.data;
}

const timeOf = (d: Date | null) => (d === null ? 'infinity' : d.toISOString());

/** The sort keys of a row, as the list query compares them. */
export interface SortKeys {
  id: string;
  priority: (typeof PRIORITIES)[number];
  waitingSince: Date | null;
  slaDueAt: Date | null;
  lastMessageAt: Date;
}

export function listCursorAfter(sort: InboxSort, row: SortKeys): string {
  switch (sort) {
    case 'priority':
      return encode({ s: sort, k: [row.priority, timeOf(row.waitingSince)], i: row.id });
    case 'sla_due':
      return encode({ s: sort, k: [timeOf(row.slaDueAt)], i: row.id });
    case 'longest_waiting':
      return encode({ s: sort, k: [timeOf(row.waitingSince)], i: row.id });
    case 'newest':
    case 'oldest':
      return encode({ s: sort, k: [row.lastMessageAt.toISOString()], i: row.id });
  }
}

/** Decodes a list cursor made for `sort`; anything else (tampered, other sort) → VALIDATION. */
export function decodeListCursor(sort: InboxSort, cursor: string): ListCursor {
  const decoded = decode(listCursorSchema, cursor);
  if (decoded.s !== sort || !INBOX_SORTS.includes(decoded.s)) {
    throw new DomainError('VALIDATION', 'Invalid cursor: it belongs to another sort', { field: 'cursor' });
  }
  if ((sort === 'newest' || sort === 'oldest') && decoded.k[0] === 'infinity') {
    throw new DomainError('VALIDATION', 'Invalid cursor: start again from the first page', { field: 'cursor' });
  }
  return decoded;
}

export const searchCursorAfter = (at: Date, conversationId: string) =>
  encode({ t: at.toISOString(), i: conversationId });

export const decodeSearchCursor = (cursor: string): SearchCursor => decode(searchCursorSchema, cursor);
