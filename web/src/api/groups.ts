import { get } from './http';
import { minPosition } from './positions';
import type { Page, Performance, PerformanceRow, RecordEntry, WorkGroup } from './types';

export const listGroups = (signal?: AbortSignal) => get<WorkGroup[]>('/groups', {}, signal);

/**
 * The ranking for a period. API-reviews.md answers `{ period, asOf, formula, rows }`; an engine
 * still on API.md v1 answers the bare rows, which is read as the same thing.
 */
export async function getPerformance(period: string, signal?: AbortSignal): Promise<Performance> {
  const answer = await get<Performance | PerformanceRow[]>(
    '/groups/performance',
    { period, minPosition: minPosition() },
    signal,
  );
  return Array.isArray(answer) ? { period, rows: answer } : answer;
}

export const performanceWorkbookUrl = (period: string) =>
  `/groups/performance/export.xlsx?period=${encodeURIComponent(period)}`;

export interface RecordQuery {
  from?: string;
  to?: string;
  kind?: string;
}

export const getRecord = (
  district: string,
  query: RecordQuery,
  cursor: string | null,
  signal?: AbortSignal,
) =>
  get<Page<RecordEntry>>(
    `/groups/${encodeURIComponent(district)}/record`,
    { ...query, cursor, limit: 50, minPosition: minPosition() },
    signal,
  );
