import { InvalidCommandError } from '../../src/shared-kernel/domain-errors';
import { DISTRICTS, type District } from '../../src/issues/domain/vocabulary';
import { ACTIVITY_KINDS, type ActivityKind } from '../../src/groups/record/record-vocabulary';
import type { ReadStore } from '../../src/ports/read-store';
import type { GroupPerfDoc } from './group-performance-docs';
import { emptyBucket } from './evolve-group-performance';
import { onSiteWeeks } from './on-site-weeks';
import { bucketId, shanghaiPeriods } from './periods';
import { GROUP_PERF_COLLECTION } from './projection';

export type PeriodKind = 'year' | 'quarter' | 'month' | 'day';
export type Period = { kind: PeriodKind; key: string };

/** One group's figures for a period, before scoring (see src/scoring). */
export type GroupPerformanceFigures = {
  district: District;
  period: string;
  reported: number;
  closed: number;
  closedOnTime: number;
  /** closedOnTime / closed to 3 decimals; null when nothing was closed. */
  onTimeRate: number | null;
  medianHoursToClose: number | null;
  /** Open issues past their next due time at the answer's time, whatever the period. */
  openOverdue: number;
  escalations: { level1: number; level2: number; level3: number };
  meetings: number;
  /** Technical difficulties (技术难点堵点) reported, and closed, in the period. */
  difficultiesReported: number;
  difficultiesResolved: number;
  /** Days on site recorded for the period's dates. */
  onSiteDays: number;
  /** 2.5 days per Monday-to-Sunday week of the period so far, a partial week pro rata. */
  onSiteTarget: number;
  /** onSiteDays / onSiteTarget to 3 decimals; null before the period starts. */
  onSiteShare: number | null;
  /** Days of the period counted so far. */
  days: number;
  weeks: number;
  weeksOnTarget: number;
  /** weeksOnTarget / weeks to 3 decimals; null before the period starts. */
  weeksOnTargetShare: number | null;
  /** Record entries per kind (every kind listed, 0 included). */
  activities: Record<ActivityKind, number>;
  participants: number;
  practicesAdopted: number;
  practicesPromoted: number;
  /** Remediation items assigned in the period, and how many of them were extended at least once. */
  itemsAssigned: number;
  itemsExtended: number;
  /**
   * 延期率 as the bureau's bulletins give it: itemsExtended / itemsAssigned to 3 decimals (of the
   * items assigned in the period, the share extended so far); null when none was assigned.
   */
  extensionRate: number | null;
  /** Extensions granted in the period (an item extended twice counts twice). */
  extensions: number;
};

/** The read side this query needs: the live read store, or an as-of fold in memory. */
export type PerformanceSource = Pick<ReadStore, 'get' | 'count'>;

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

const activityCounts = (counts: Record<string, number>): Record<ActivityKind, number> =>
  Object.fromEntries(ACTIVITY_KINDS.map((kind) => [kind, counts[kind] ?? 0])) as Record<ActivityKind, number>;

/** One group's figures from its bucket, at `at` (for what is overdue and the weeks so far). */
export function figuresOf(
  district: District,
  key: string,
  stored: GroupPerfDoc | null,
  openOverdue: number,
  at: Date,
): GroupPerformanceFigures {
  const doc = { ...emptyBucket(bucketId(district, key), district, key), ...stored };
  const weeks = onSiteWeeks(key, doc.onSiteByWeek, shanghaiPeriods(at.toISOString())[0]);
  return {
    district,
    period: key,
    reported: doc.reported,
    closed: doc.closed,
    closedOnTime: doc.closedOnTime,
    onTimeRate: doc.closed > 0 ? round3(doc.closedOnTime / doc.closed) : null,
    medianHoursToClose: median(doc.hoursToClose),
    openOverdue,
    escalations: { level1: doc.escalations['1'], level2: doc.escalations['2'], level3: doc.escalations['3'] },
    meetings: doc.meetings,
    difficultiesReported: doc.difficultiesReported,
    difficultiesResolved: doc.difficultiesResolved,
    onSiteDays: doc.onSiteDays,
    onSiteTarget: weeks.onSiteTarget,
    onSiteShare: weeks.onSiteTarget > 0 ? round3(doc.onSiteDays / weeks.onSiteTarget) : null,
    days: weeks.days,
    weeks: weeks.weeks,
    weeksOnTarget: weeks.weeksOnTarget,
    weeksOnTargetShare: weeks.weeks > 0 ? round3(weeks.weeksOnTarget / weeks.weeks) : null,
    activities: activityCounts(doc.activities),
    participants: doc.participants,
    practicesAdopted: doc.practicesAdopted,
    practicesPromoted: doc.practicesPromoted,
    itemsAssigned: doc.itemsAssigned ?? 0,
    itemsExtended: doc.itemsExtended ?? 0,
    extensionRate: doc.itemsAssigned ? round3((doc.itemsExtended ?? 0) / doc.itemsAssigned) : null,
    extensions: doc.extensions ?? 0,
  };
}

/**
 * How many of a district's open issues are past their next due time at `at`. The issue board
 * knows that, not this read model, so the caller that ranks hands it in.
 */
export type OpenOverdueCount = (district: District) => Promise<number>;

/** Every work group's figures for the period, in district order, as they stand at `at`. */
export async function groupPerformanceFor(
  source: PerformanceSource,
  periodText: string,
  at: Date,
  openOverdueOf: OpenOverdueCount,
): Promise<GroupPerformanceFigures[]> {
  const { key } = parsePeriod(periodText);
  return Promise.all(
    DISTRICTS.map(async (district) => {
      const doc = await source.get<GroupPerfDoc>(GROUP_PERF_COLLECTION, bucketId(district, key));
      return figuresOf(district, key, doc, await openOverdueOf(district), at);
    }),
  );
}
