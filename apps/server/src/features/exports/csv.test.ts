import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { csvChunks, csvText, UTF8_BOM } from './csv.ts';
import { EXPORT_HEADER } from './export-columns.ts';

describe('csvText: RFC 4180 quoting and the formula-injection guard', () => {
  it('leaves plain text alone, quotes commas, quotes and line breaks (quotes doubled)', () => {
    expect(csvText('Ada Lovelace')).toBe('Ada Lovelace');
    expect(csvText('Lovelace, Ada')).toBe('"Lovelace, Ada"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText('two\nlines')).toBe('"two\nlines"');
    expect(csvText('')).toBe('');
  });

  it('prefixes an apostrophe to cells a spreadsheet would run: = + - @ tab CR', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvText(`${start}1+1`)).toMatch(/^"?'/);
    expect(csvText('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvText('a=b')).toBe('a=b');
  });
});

describe('csvChunks', () => {
  it('BOM and header first, then one chunk per batch, readable by a CSV parser', async () => {
    async function* batches() {
      await Promise.resolve();
      yield [['r1'], ['r2']];
      yield [['r3']];
    }
    const chunks: string[] = [];
    for await (const c of csvChunks(batches(), { csvLine: (raw) => `${raw[0]},"x, y"\r\n` })) chunks.push(c);
    expect(chunks).toHaveLength(3);
    expect(chunks[0]).toBe(`${UTF8_BOM}${EXPORT_HEADER.join(',')}\r\n`);
    const rows: unknown = parse(chunks.slice(1).join(''));
    expect(rows).toEqual([
      ['r1', 'x, y'],
      ['r2', 'x, y'],
      ['r3', 'x, y'],
    ]);
  });
});
