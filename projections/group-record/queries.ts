import type { Filter, Page, ReadStore } from '../../src/ports/read-store';
import type { PracticeDoc, RecordEntryDoc } from './record-docs';
import { PRACTICES_COLLECTION, RECORD_COLLECTION } from './projection';

export interface RecordQuery {
  district?: string;
  /** Local dates, inclusive. */
  from?: string;
  to?: string;
  kind?: string;
  /** Leave out withdrawn entries (the exports count what stands). */
  standingOnly?: boolean;
  limit?: number;
  cursor?: string | null;
}

function dateFilters(query: { district?: string; from?: string; to?: string }): Filter[] {
  const where: Filter[] = [];
  if (query.district) where.push({ field: 'district', op: '=', value: query.district });
  if (query.from) where.push({ field: 'date', op: '>=', value: query.from });
  if (query.to) where.push({ field: 'date', op: '<=', value: query.to });
  return where;
}

/** A group's record in date order (entries of one date in the order they were recorded). */
export async function listRecord(
  readStore: Pick<ReadStore, 'find'>,
  query: RecordQuery,
): Promise<Page<RecordEntryDoc>> {
  const where = dateFilters(query);
  if (query.kind) where.push({ field: 'kind', op: '=', value: query.kind });
  if (query.standingOnly) where.push({ field: 'status', op: '!=', value: 'withdrawn' });
  return readStore.find<RecordEntryDoc>(RECORD_COLLECTION, {
    where,
    orderBy: [
      { field: 'date', direction: 'asc' },
      { field: 'seq', direction: 'asc' },
    ],
    limit: query.limit,
    cursor: query.cursor,
  });
}

/** Practices passed between city and district, in date order. */
export async function listPractices(
  readStore: Pick<ReadStore, 'find'>,
  query: Omit<RecordQuery, 'kind' | 'standingOnly'>,
): Promise<Page<PracticeDoc>> {
  return readStore.find<PracticeDoc>(PRACTICES_COLLECTION, {
    where: dateFilters(query),
    orderBy: [{ field: 'date', direction: 'asc' }],
    limit: query.limit,
    cursor: query.cursor,
  });
}
