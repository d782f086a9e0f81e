import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, parseImport, type ImportRow } from './import-parsers.ts';

const HEADER = CSV_COLUMNS.join(',');

/** `expect.stringMatching` is typed `any`; this keeps the expected object literals typed. */
const matching = (pattern: RegExp | string) =>
  (typeof pattern === 'string' ? expect.stringContaining(pattern) : expect.stringMatching(pattern)) as string;

async function collect(chunks: (string | Buffer)[], format: 'ndjson' | 'csv'): Promise<ImportRow[]> {
  const rows: ImportRow[] = [];
  for await (const row of parseImport(Readable.from(chunks), format)) rows.push(row);
  return rows;
}

/** Rows without the raw payloads, for readable comparisons. */
const summary = (rows: ImportRow[]) =>
  rows.map(({ line, mention, error, warning }) =>
    mention
      ? { line, id: mention.externalId, text: mention.text }
      : error !== undefined
        ? { line, error }
        : { line, warning },
  );

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const csvRow = (id: string, text: string, extra = '') =>
  [id, csvField(text), '2026-03-01T09:30:00Z', '42', 'camille', 'Camille', '310', 'true', '', ''].join(',') + extra;

describe('parseImport: CSV', () => {
  it('reads the documented columns into mentions, with quotes, BOM and CRLF', async () => {
    const csv = `\ufeff${HEADER}\r\n${csvRow('1', 'Hello, "world"')}\r\n${csvRow('2', 'two\nlines')}\r\n${csvRow('3', 'after')}\r\n`;
    const rows = await collect([csv], 'csv');
    expect(summary(rows)).toEqual([
      { line: 2, id: '1', text: 'Hello, "world"' },
      { line: 3, id: '2', text: 'two\nlines' },
      { line: 5, id: '3', text: 'after' },
    ]);
    expect(rows[0]?.mention).toMatchObject({
      kind: 'mention',
      postedAt: new Date('2026-03-01T09:30:00Z'),
      author: {
        externalUserId: '42',
        username: 'camille',
        displayName: 'Camille',
        followers: 310,
        verified: true,
        profileUrl: null,
      },
      raw: expect.objectContaining({ id: '1', author_username: 'camille' }) as unknown,
    });
  });

  it('rejects broken rows with their line number and keeps every other row', async () => {
    const lines = [
      HEADER,
      csvRow('1', 'ok'),
      '2,"bad"quote,2026-03-01T09:30:00Z,42,camille,,,,,',
      '3,bad"quote,2026-03-01T09:30:00Z,42,camille,,,,,',
      '4,too few fields',
      csvRow('5', 'ok'),
      '6,date,2026-02-30T09:30:00Z,42,camille,,,,,',
      '7,followers,2026-03-01T09:30:00Z,42,camille,,many,,,',
      '8,kind,2026-03-01T09:30:00Z,42,camille,,,maybe,,',
      '9,no author,2026-03-01T09:30:00Z,42,,,,,,',
      csvRow('10', 'ok'),
    ];
    const bad = Buffer.from([
      ...Buffer.from('11,'),
      0xff,
      0xfe,
      ...Buffer.from(',2026-03-01T09:30:00Z,42,camille,,,,,'),
    ]);
    const input = Buffer.concat([
      Buffer.from(lines.join('\n') + '\n'),
      bad,
      Buffer.from('\n' + csvRow('12', 'ok') + '\n'),
    ]);
    expect(summary(await collect([input], 'csv'))).toEqual([
      { line: 2, id: '1', text: 'ok' },
      { line: 3, error: matching('Invalid Closing Quote') },
      { line: 4, error: matching('Invalid Opening Quote') },
      { line: 5, error: 'expected 10 fields as in the header, got 2' },
      { line: 6, id: '5', text: 'ok' },
      { line: 7, error: matching(/^created_at: /) },
      { line: 8, error: 'author_followers: expected a non-negative integer' },
      { line: 9, error: 'author_verified: expected true, false, 1 or 0' },
      { line: 10, error: matching(/^author_username: /) },
      { line: 11, id: '10', text: 'ok' },
      { line: 12, error: 'invalid UTF-8' },
      { line: 13, id: '12', text: 'ok' },
    ]);
  });

  it('yields duplicate rows twice (deduplication is the database’s job)', async () => {
    const rows = await collect([`${HEADER}\n${csvRow('1', 'same')}\n${csvRow('1', 'same')}\n`], 'csv');
    expect(summary(rows)).toEqual([
      { line: 2, id: '1', text: 'same' },
      { line: 3, id: '1', text: 'same' },
    ]);
  });

  it('warns once about unknown columns, accepts a minimal header, and refuses a header missing a required column', async () => {
    const minimal = 'ID,text,created_at,author_id,author_username,mood\n1,hi,2026-03-01T09:30:00Z,42,cam,happy\n';
    expect(summary(await collect([minimal], 'csv'))).toEqual([
      { line: 1, warning: 'unknown columns ignored: "mood"' },
      { line: 2, id: '1', text: 'hi' },
    ]);
    expect(summary(await collect(['id,text,created_at,author_id\n1,hi,2026-03-01T09:30:00Z,42\n'], 'csv'))).toEqual([
      { line: 1, error: 'header: missing required column(s): author_username' },
    ]);
    expect(summary(await collect(['id,id,text\n'], 'csv'))).toEqual([
      { line: 1, error: 'header: duplicate column "id"' },
    ]);
    expect(summary(await collect([''], 'csv'))).toEqual([{ line: 1, error: matching(/^header: missing/) }]);
  });

  it('reports an unclosed quote once, bounded to 1 MiB, and resumes after an oversize record', async () => {
    const unclosed = `${HEADER}\n${csvRow('1', 'ok')}\n2,"never closed,2026-03-01T09:30:00Z,42,cam,,,,,\n${csvRow('3', 'lost')}\n`;
    expect(summary(await collect([unclosed], 'csv'))).toEqual([
      { line: 2, id: '1', text: 'ok' },
      { line: 3, error: matching('Quote Not Closed') },
    ]);
    const huge = `${HEADER}\n${csvRow('1', 'x'.repeat(1_100_000))}\n${csvRow('2', 'kept')}\n`;
    expect(summary(await collect([huge], 'csv'))).toEqual([
      { line: 2, error: 'record longer than 1 MiB (an unclosed quote?), skipped up to line 2' },
      { line: 3, id: '2', text: 'kept' },
    ]);
  });

  it('gives the same rows however the bytes are split into chunks', async () => {
    const valid = fc.tuple(
      fc.stringMatching(/^\d{1,6}$/),
      fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => !s.includes('\0') && s.trim() === s),
    );
    const row = fc.oneof(
      valid.map(([id, text]) => Buffer.from(csvRow(id, text))),
      fc.constantFrom('1,"x"y,a,b,c,,,,,', '2,short', '3,"unclosed\n', '').map((s) => Buffer.from(s)),
      fc.constant(Buffer.from([0x34, 0x2c, 0xc3, 0x28, 0x2c])),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 15 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.boolean(),
        async (rows, cuts, crlf) => {
          const eol = Buffer.from(crlf ? '\r\n' : '\n');
          const whole = Buffer.concat([Buffer.from('\ufeff' + HEADER), ...rows.flatMap((r) => [eol, r]), eol]);
          const points = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...points].map((p, i) => whole.subarray(p, points[i] ?? whole.length));
          expect(summary(await collect(chunks, 'csv'))).toEqual(summary(await collect([whole], 'csv')));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('streams a 50,000-row CSV with flat memory', async () => {
    // Explicit GC makes heap samples comparable. Measured: streaming stays under 1 MB of growth, while merely keeping
    // the 50,000 rows (what any buffering parser does, before counting the input) retains about 7 MB.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    function* generate() {
      yield HEADER + '\n';
      for (let block = 0; block < 100; block++) {
        let chunk = '';
        for (let i = 0; i < 500; i++)
          chunk += csvRow(String(block * 500 + i), `Row ${block * 500 + i}: lost bag, refund?`) + '\n';
        yield chunk;
      }
    }
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    let mentions = 0;
    for await (const row of parseImport(Readable.from(generate()), 'csv')) {
      if (!row.mention) throw new Error(`line ${row.line}: ${row.error ?? row.warning}`);
      if (++mentions % 10_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      }
    }
    expect(mentions).toBe(50_000);
    expect(peak).toBeLessThan(3 * 1024 * 1024);
  });

  it('a 50 MB CSV with a broken row and invalid UTF-8 in the middle: both reported by line, every other row kept', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const padding = ' — the flight was delayed, the bag did not arrive, nobody answers'.repeat(2);
    const rows = 260_000; // ~205 bytes each: 53 MB
    const broken = 130_000;
    const badUtf8 = 130_001;
    let bytes = 0;
    function* generate() {
      const header = Buffer.from(HEADER + '\n');
      bytes += header.length;
      yield header;
      for (let block = 0; block < rows / 1_000; block++) {
        const parts: Buffer[] = [];
        for (let i = 0; i < 1_000; i++) {
          const n = block * 1_000 + i;
          if (n === broken) parts.push(Buffer.from(`${n},"unterminated quote\n`.replace('\n', '",not-a-date,,\n')));
          else if (n === badUtf8)
            parts.push(
              Buffer.concat([
                Buffer.from(`${n},"bad `),
                Buffer.from([0xc3, 0x28]),
                Buffer.from(`",2026-03-01T09:30:00Z,7,cam\n`),
              ]),
            );
          else parts.push(Buffer.from(csvRow(String(n), `Row ${n}${padding}`) + '\n'));
        }
        const chunk = Buffer.concat(parts);
        bytes += chunk.length;
        yield chunk;
      }
    }
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    let kept = 0;
    const rejected: number[] = [];
    for await (const row of parseImport(Readable.from(generate()), 'csv')) {
      if (row.mention) kept++;
      else if (row.error) rejected.push(row.line);
      if ((kept + rejected.length) % 50_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      }
    }
    expect(bytes).toBeGreaterThan(50 * 1024 * 1024);
    // Line numbers count the header as line 1.
    expect(rejected).toEqual([broken + 2, badUtf8 + 2]);
    expect(kept).toBe(rows - 2);
    expect(peak).toBeLessThan(8 * 1024 * 1024);
  }, 120_000);
});

describe('parseImport: NDJSON', () => {
  const json = (id: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      id,
      text: `mention ${id}`,
      created_at: '2026-03-01T09:30:00Z',
      author: { id: '42', username: 'cam' },
      ...extra,
    });

  it('reads one mention per line and rejects bad lines with their number', async () => {
    const input = [
      '\ufeff' + json('1'),
      '',
      '{"id": "2", oops}',
      json('3', { created_at: 'yesterday' }),
      json('4', { extra: true }),
      '   ',
      json('5') + '\r',
      '[1,2]',
      json('6'),
    ].join('\n');
    const withBadUtf8 = Buffer.concat([
      Buffer.from(input + '\n'),
      Buffer.from([0x7b, 0xff, 0x7d, 0x0a]),
      Buffer.from(json('7')),
    ]);
    expect(summary(await collect([withBadUtf8], 'ndjson'))).toEqual([
      { line: 1, id: '1', text: 'mention 1' },
      { line: 3, error: matching(/^invalid JSON: /) },
      { line: 4, error: matching(/^created_at: /) },
      { line: 5, error: 'mention: Unrecognized key: "extra"' },
      { line: 7, id: '5', text: 'mention 5' },
      { line: 8, error: matching(/^mention: .*expected object/) },
      { line: 9, id: '6', text: 'mention 6' },
      { line: 10, error: 'invalid UTF-8' },
      { line: 11, id: '7', text: 'mention 7' },
    ]);
  });

  it('skips an oversize line without holding it, accepts string chunks and async iterables', async () => {
    function* pieces() {
      yield json('1') + '\n' + '{"text": "';
      for (let i = 0; i < 20; i++) yield 'x'.repeat(100_000);
      yield '"}\n' + json('2');
    }
    async function* source() {
      for (const piece of pieces()) yield await Promise.resolve(piece);
    }
    expect(summary(await collect([...pieces()], 'ndjson'))).toEqual([
      { line: 1, id: '1', text: 'mention 1' },
      { line: 2, error: 'record longer than 1 MiB (an unclosed quote?), skipped up to line 2' },
      { line: 3, id: '2', text: 'mention 2' },
    ]);
    const rows: ImportRow[] = [];
    for await (const row of parseImport(source(), 'ndjson')) rows.push(row);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3]);
  });

  it('never throws on arbitrary JSON lines, and yields one row per non-blank line', { timeout: 30_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue(), { maxLength: 10 }), async (values) => {
        const rows = await collect([values.map((v) => JSON.stringify(v)).join('\n')], 'ndjson');
        expect(rows.map((r) => r.line)).toEqual(values.map((_, i) => i + 1));
        for (const r of rows) expect(r.mention !== undefined || typeof r.error === 'string').toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
