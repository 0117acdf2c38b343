/**
 * A spreadsheet view as data: a Chinese sheet name, a title line, columns with Chinese
 * headers and a type each, and the rows as an async stream (so a big sheet is written as it
 * is read, never held whole). The same specs feed the XLSX writer and the CSV writer.
 */
export type ColumnType =
  /** Text, as is. */
  | 'text'
  /** A number; `digits` decimals shown. */
  | 'number'
  /** A share from 0 to 1, shown as a percentage. */
  | 'percent'
  /** A local date `YYYY-MM-DD`, written as a date. */
  | 'date'
  /** An ISO-8601 instant, written as a date-time in Asia/Shanghai. */
  | 'datetime';

export interface Column {
  header: string;
  key: string;
  type: ColumnType;
  /** Decimals shown for numbers. @defaultValue 0 */
  digits?: number;
  /** Width at most, in characters (a Chinese character counts two). @defaultValue 60 */
  maxWidth?: number;
}

export type SheetRow = Record<string, string | number | null | undefined>;

export interface SheetSpec {
  name: string;
  title: string;
  columns: Column[];
  rows: AsyncIterable<SheetRow> | Iterable<SheetRow>;
}

/** Display width: CJK and full-width characters take two columns, the rest one. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return width;
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * What a cell holds for a column type. Spreadsheets have no time zones: a date-time is
 * written as the Shanghai wall-clock time (the instant plus eight hours, as UTC), which is
 * what the bureau reads; a local date as that day's midnight.
 */
export function cellValue(
  column: Column,
  value: string | number | null | undefined,
): string | number | Date | null {
  if (value === null || value === undefined || value === '') return null;
  switch (column.type) {
    case 'text':
      return String(value);
    case 'number':
    case 'percent':
      return typeof value === 'number' ? value : Number(value);
    case 'date':
      return new Date(`${String(value).slice(0, 10)}T00:00:00.000Z`);
    case 'datetime':
      return new Date(Date.parse(String(value)) + SHANGHAI_OFFSET_MS);
    default: {
      const never: never = column.type;
      return never;
    }
  }
}

/** The number format of a column type. */
export function numberFormat(column: Column): string | undefined {
  switch (column.type) {
    case 'number':
      return column.digits ? `0.${'0'.repeat(column.digits)}` : '0';
    case 'percent':
      return '0.0%';
    case 'date':
      return 'yyyy-mm-dd';
    case 'datetime':
      return 'yyyy-mm-dd hh:mm';
    case 'text':
      return undefined;
    default: {
      const never: never = column.type;
      return never;
    }
  }
}

/** How a cell reads as text (CSV, the printable page, width measuring). */
export function cellText(column: Column, value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  switch (column.type) {
    case 'percent':
      return `${(Number(value) * 100).toFixed(1)}%`;
    case 'number':
      return Number(value).toFixed(column.digits ?? 0);
    case 'date':
      return String(value).slice(0, 10);
    case 'datetime':
      return new Date(Date.parse(String(value)) + SHANGHAI_OFFSET_MS)
        .toISOString()
        .slice(0, 16)
        .replace('T', ' ');
    case 'text':
      return String(value);
    default: {
      const never: never = column.type;
      return never;
    }
  }
}
