import { groupPerformanceFor, type GroupPerformanceRow } from '../../projections/group-performance/queries';
import { countOpenOverdue } from '../../projections/issue-status/queries';
import type { ReadStore } from '../ports/read-store';

/**
 * The public ranking of the work groups for a period (晾晒式考核): each group's figures from
 * the group-performance read model, with its open issues overdue now counted on the issue
 * board. Composed here, in the groups feature, so neither read model reads the other's.
 */
export function groupPerformance(
  readStore: ReadStore,
  periodText: string,
  now: Date,
): Promise<GroupPerformanceRow[]> {
  return groupPerformanceFor(readStore, periodText, (district) => countOpenOverdue(readStore, district, now));
}
