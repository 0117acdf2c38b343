import * as ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { cellText, cellValue, displayWidth, numberFormat, type SheetRow, type SheetSpec } from './sheet-spec';

/** Rows measured before a sheet's column widths are fixed; the rest stream straight through. */
const MEASURED_ROWS = 200;
const HEADER_ROWS = 2;

/**
 * Writes the sheets as one XLSX workbook to `out`, streaming: ExcelJS's streaming
 * WorkbookWriter commits each row as it is written, so memory stays flat however long a
 * sheet is. Every sheet has its title in row 1 and the Chinese headers in row 2, both frozen;
 * widths fit the headers and the first rows (a Chinese character counts two); dates are
 * dates and rates percentages, formatted so a spreadsheet program shows them as such.
 */
export async function writeXlsx(
  out: Writable,
  sheets: SheetSpec[],
  meta: { creator: string; created: Date },
) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = meta.creator;
  workbook.created = meta.created;
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, {
      views: [{ state: 'frozen', ySplit: HEADER_ROWS }],
      pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    const iterator = toAsyncIterator(sheet.rows);
    const measured: SheetRow[] = [];
    let next = await iterator.next();
    while (!next.done) {
      measured.push(next.value);
      if (measured.length === MEASURED_ROWS) break;
      next = await iterator.next();
    }
    worksheet.columns = sheet.columns.map((column) => {
      const widths = [
        displayWidth(column.header),
        ...measured.map((row) => displayWidth(cellText(column, row[column.key]))),
      ];
      const width = Math.min(column.maxWidth ?? 60, Math.max(...widths) + 2);
      return { key: column.key, width: Math.max(width, 6), style: { numFmt: numberFormat(column) } };
    });
    const title = worksheet.addRow([sheet.title]);
    title.font = { bold: true, size: 14 };
    title.commit();
    const header = worksheet.addRow(sheet.columns.map((c) => c.header));
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    header.commit();
    const write = (row: SheetRow) =>
      worksheet.addRow(sheet.columns.map((column) => cellValue(column, row[column.key]))).commit();
    measured.forEach(write);
    if (measured.length === MEASURED_ROWS)
      for (next = await iterator.next(); !next.done; next = await iterator.next()) write(next.value);
    worksheet.commit();
  }
  await workbook.commit();
}

function toAsyncIterator<T>(rows: AsyncIterable<T> | Iterable<T>): AsyncIterator<T> | Iterator<T> {
  return Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : rows[Symbol.iterator]();
}
