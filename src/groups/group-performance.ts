import {
  groupPerformanceFor,
  type GroupPerformanceFigures,
  type PerformanceSource,
} from '../../projections/group-performance/queries';
import { countOpenOverdue } from '../../projections/issue-status/queries';

/**
 * Every work group's figures for a period (before scoring), as they stand at `at`: from the
 * group-performance read model, with each district's open issues overdue at `at` counted on
 * the issue board. Composed here, in the groups feature, so neither read model reads the
 * other's; `source` is the live read store or an as-of fold of the log.
 */
export function groupPerformance(
  source: PerformanceSource,
  periodText: string,
  at: Date,
): Promise<GroupPerformanceFigures[]> {
  return groupPerformanceFor(source, periodText, at, (district) => countOpenOverdue(source, district, at));
}
