import { InvalidCommandError } from '../../src/shared-kernel/domain-errors';
import { DISTRICTS, type District } from '../../src/issues/domain/vocabulary';
import type { ReadStore } from '../../src/ports/read-store';
import type { GroupPerfDoc } from './group-performance-docs';
import { emptyBucket } from './evolve-group-performance';
import { bucketId } from './periods';
import { GROUP_PERF_COLLECTION } from './projection';

export type PeriodKind = 'year' | 'quarter' | 'month' | 'day';
export type Period = { kind: PeriodKind; key: string };

export type GroupPerformanceRow = {
  district: District;
  period: string;
  reported: number;
  closed: number;
  closedOnTime: number;
  /** closedOnTime / closed to 3 decimals; null when nothing was closed. */
  onTimeRate: number | null;
  medianHoursToClose: number | null;
  /** Open issues past their next due time now, whatever the period. */
  openOverdue: number;
  escalations: { level1: number; level2: number; level3: number };
  meetings: number;
  rank: number;
};

const PERIOD_HELP = 'use a year 2023, a quarter 2023-Q1, a month 2023-03 or a day 2023-03-15';

/** Reads a period the way people write it; refuses impossible dates such as 2023-04-31. */
export function parsePeriod(text: string): Period {
  const t = String(text ?? '').trim();
  if (/^\d{4}$/.test(t)) return { kind: 'year', key: t };
  if (/^\d{4}-Q[1-4]$/.test(t)) return { kind: 'quarter', key: t };
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(t)) return { kind: 'month', key: t };
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (day) {
    const [y, m, d] = day.slice(1).map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d)
      return { kind: 'day', key: t };
  }
  throw new InvalidCommandError('period', PERIOD_HELP);
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return round3(sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
}

/**
 * The public ranking (晾晒式考核): on-time rate first (groups that closed nothing last), then
 * more closed, then fewer overdue now, then the district's name so the order is total.
 */
export function rankRows<R extends Omit<GroupPerformanceRow, 'rank'>>(
  rows: R[],
): Array<R & { rank: number }> {
  const sorted = [...rows].sort(
    (a, b) =>
      (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
      b.closed - a.closed ||
      a.openOverdue - b.openOverdue ||
      a.district.localeCompare(b.district),
  );
  return sorted.map((row, i) => ({ ...row, rank: i + 1 }));
}

/**
 * How many of a district's open issues are past their next due time now. The issue board
 * knows that, not this read model, so the caller that ranks hands it in.
 */
export type OpenOverdueCount = (district: District) => Promise<number>;

/** One row per work group for the period, ranked; rows come in rank order. */
export async function groupPerformanceFor(
  readStore: ReadStore,
  periodText: string,
  openOverdueOf: OpenOverdueCount,
): Promise<GroupPerformanceRow[]> {
  const { key } = parsePeriod(periodText);
  const rows = await Promise.all(
    DISTRICTS.map(async (district) => {
      const id = bucketId(district, key);
      const doc =
        (await readStore.get<GroupPerfDoc>(GROUP_PERF_COLLECTION, id)) ?? emptyBucket(id, district, key);
      const openOverdue = await openOverdueOf(district);
      return {
        district,
        period: key,
        reported: doc.reported,
        closed: doc.closed,
        closedOnTime: doc.closedOnTime,
        onTimeRate: doc.closed > 0 ? round3(doc.closedOnTime / doc.closed) : null,
        medianHoursToClose: median(doc.hoursToClose),
        openOverdue,
        escalations: {
          level1: doc.escalations['1'],
          level2: doc.escalations['2'],
          level3: doc.escalations['3'],
        },
        meetings: doc.meetings,
      };
    }),
  );
  return rankRows(rows);
}
