import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { EXPORT_COLUMNS, type ExportRow } from './export-columns.ts';
import type { RawRow } from './export.repository.ts';

/** Column widths in characters, by kind (a spreadsheet user resizes what they need). */
const WIDTH = { text: 24, code: 12, number: 10, time: 20 } as const;

function cellValue(value: string | null, kind: (typeof EXPORT_COLUMNS)[number]['kind']) {
  if (value === null) return null;
  if (kind === 'number') return Number(value);
  if (kind === 'time') return new Date(value);
  return value; // text stays a string cell: exceljs never writes it as a formula
}

/**
 * The XLSX file as a stream, written with exceljs's streaming WorkbookWriter: rows are committed as they come
 * (never a whole sheet in memory) and the next batch is pulled only once the output has drained, so a slow
 * client slows the reading instead of growing the buffers.
 */
export function xlsxStream(
  batches: AsyncIterable<RawRow[]>,
  format: { row(raw: RawRow): ExportRow },
  onError: (error: unknown) => void,
): Readable {
  const out = new PassThrough({ highWaterMark: 1024 * 1024 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Conversations', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((c) => ({
    header: c.key,
    key: c.key,
    width: WIDTH[c.kind],
    ...(c.kind === 'time' ? { style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } } : {}),
  }));
  void (async () => {
    try {
      for await (const batch of batches) {
        for (const raw of batch) {
          sheet.addRow(format.row(raw).map((v, i) => cellValue(v, EXPORT_COLUMNS[i]!.kind))).commit();
        }
        if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
        if (out.destroyed) return;
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      onError(error);
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  return out;
}
