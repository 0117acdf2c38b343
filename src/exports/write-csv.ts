import { cellText, type SheetSpec } from './sheet-spec';

/** The byte-order mark that makes Excel read a CSV file as UTF-8 (and so the Chinese text right). */
export const UTF8_BOM = '\ufeff';

const quote = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * One sheet as CSV text: BOM, the Chinese header line, one line per row, CRLF line ends as
 * Excel writes them. Values are written as they read (percentages with %, dates YYYY-MM-DD).
 */
export async function* csvLines(sheet: SheetSpec): AsyncGenerator<string> {
  yield UTF8_BOM + sheet.columns.map((c) => quote(c.header)).join(',') + '\r\n';
  for await (const row of sheet.rows as AsyncIterable<Record<string, string | number | null>>)
    yield sheet.columns.map((c) => quote(cellText(c, row[c.key]))).join(',') + '\r\n';
}
