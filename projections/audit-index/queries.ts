import { InvalidCommandError } from '../../src/shared-kernel/domain-errors';
import type { Filter, Page, ReadStore } from '../../src/ports/read-store';
import type { AuditDoc } from './evolve-audit';
import { AUDIT_COLLECTION } from './projection';

export interface AuditQuery {
  actor?: string;
  type?: string;
  district?: string;
  issueId?: string;
  /** Business time, inclusive. */
  from?: string;
  /** Business time, exclusive. */
  to?: string;
  limit?: number;
  cursor?: string | null;
}

/** What GET /audit answers per event: the history item plus issueId (and district). */
export type AuditItem = Omit<AuditDoc, 'id'>;

/** Stored times are UTC `toISOString()` strings; bounds are normalised so strings compare as times. */
function isoBound(field: 'from' | 'to', value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time))
    throw new InvalidCommandError(field, 'must be an ISO-8601 time, e.g. 2023-03-01T00:00:00+08:00');
  return new Date(time).toISOString();
}

/** Events across all issues in log order, filtered by who, what, which issue, where and when. */
export async function queryAudit(
  readStore: ReadStore,
  query: AuditQuery,
  /** Filters the reader's scope adds (district, area): in the query, so pages stay full. */
  scope: Filter[] = [],
): Promise<Page<AuditItem>> {
  const where: Filter[] = [...scope];
  for (const field of ['actor', 'type', 'district', 'issueId'] as const) {
    const value = query[field];
    if (value !== undefined) where.push({ field, op: '=', value });
  }
  if (query.from !== undefined)
    where.push({ field: 'occurredAt', op: '>=', value: isoBound('from', query.from) });
  if (query.to !== undefined) where.push({ field: 'occurredAt', op: '<', value: isoBound('to', query.to) });
  // The id is the zero-padded position, and the id is always the last sort key: log order.
  const page = await readStore.find<AuditDoc>(AUDIT_COLLECTION, {
    where,
    orderBy: [],
    limit: query.limit,
    cursor: query.cursor,
  });
  return { items: page.items.map(({ id: _id, area: _area, ...item }) => item), nextCursor: page.nextCursor };
}
