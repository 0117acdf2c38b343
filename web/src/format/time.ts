/**
 * Every time the page shows or takes is Shanghai time (the bureau's), whatever the device's
 * own zone: a tablet set to another zone still reads and writes the bureau's clock.
 */
export const TIME_ZONE = 'Asia/Shanghai';
/** Asia/Shanghai has kept UTC+8 without daylight saving since 1991. */
const OFFSET_MS = 8 * 3_600_000;

const partsFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parts(iso: string): Record<string, string> | null {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return null;
  return Object.fromEntries(partsFormat.formatToParts(time).map((p) => [p.type, p.value]));
}

/** 2023-05-01 09:30 (Shanghai), or the text itself when it is not a time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = parts(iso);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : iso;
}

/** 2023-05-01 (Shanghai). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = parts(iso);
  return p ? `${p.year}-${p.month}-${p.day}` : iso;
}

/** The value of a datetime-local input showing this instant on the Shanghai clock. */
export function toShanghaiInput(time: Date | string): string {
  const at = typeof time === 'string' ? Date.parse(time) : time.getTime();
  return new Date(at + OFFSET_MS).toISOString().slice(0, 16);
}

/** A datetime-local value read as Shanghai wall time, as ISO-8601 with its offset; '' stays ''. */
export function fromShanghaiInput(value: string): string {
  if (!value) return '';
  const seconds = value.length === 16 ? `${value}:00` : value;
  return `${seconds}+08:00`;
}

/** Today's date in Shanghai, YYYY-MM-DD. */
export function shanghaiToday(now = new Date()): string {
  return toShanghaiInput(now).slice(0, 10);
}

export type PeriodKind = 'day' | 'month' | 'quarter' | 'year';

/** The period (as GET /groups/performance spells it) of a kind that holds `day`. */
export function periodOf(kind: PeriodKind, day: string): string {
  const [year, month] = day.split('-');
  switch (kind) {
    case 'day':
      return day;
    case 'month':
      return `${year}-${month}`;
    case 'quarter':
      return `${year}-Q${Math.floor((Number(month) - 1) / 3) + 1}`;
    case 'year':
      return year;
    default: {
      const unexpected: never = kind;
      throw new Error(`unknown period kind ${String(unexpected)}`);
    }
  }
}

export function periodKind(period: string): PeriodKind | null {
  if (/^\d{4}$/.test(period)) return 'year';
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarter';
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return 'month';
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return 'day';
  return null;
}

/** The months (or quarters) of a period's year, for the trend over the year. */
export function periodsOfYear(year: string, kind: 'month' | 'quarter'): string[] {
  return kind === 'quarter'
    ? [1, 2, 3, 4].map((q) => `${year}-Q${q}`)
    : Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** Whole days and hours of a span, for "2 天 3 小时 left" and "5 天 over". */
export function splitDuration(ms: number): { days: number; hours: number; minutes: number } {
  const minutesTotal = Math.floor(Math.abs(ms) / 60_000);
  return {
    days: Math.floor(minutesTotal / 1440),
    hours: Math.floor((minutesTotal % 1440) / 60),
    minutes: minutesTotal % 60,
  };
}
