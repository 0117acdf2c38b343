import type { EventStore } from '../../src/event-store/event-store';
import { upcastIssueEvent } from '../../src/issues/domain/issue-upcasters';
import { InvalidCommandError } from '../../src/shared-kernel/domain-errors';
import type { Filter, Page, ReadStore } from '../../src/ports/read-store';
import { toAuditItem, type AuditEntry, type AuditItem } from './evolve-audit';
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

/** Stored times are UTC `toISOString()` strings; bounds are normalised so strings compare as times. */
function isoBound(field: 'from' | 'to', value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time))
    throw new InvalidCommandError(field, 'must be an ISO-8601 time, e.g. 2023-03-01T00:00:00+08:00');
  return new Date(time).toISOString();
}

/**
 * Events across all issues in log order, filtered by who, what, which issue, where and when:
 * a page of the index, then its events read from the log by position, brought up to today's
 * shapes as every other reader of the log sees them.
 */
export async function queryAudit(
  readStore: ReadStore,
  events: Pick<EventStore, 'readPositions'>,
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
  const page = await readStore.find<AuditEntry>(AUDIT_COLLECTION, {
    where,
    orderBy: [],
    limit: query.limit,
    cursor: query.cursor,
  });
  const found = new Map(
    (await events.readPositions(page.items.map((entry) => entry.position))).map((e) => [e.position, e]),
  );
  // An entry whose position holds no event was indexed from another log (a read store kept
  // across a change of event store); it has nothing to show.
  const items = page.items.flatMap((entry) => {
    const event = found.get(entry.position);
    return event ? [toAuditItem(upcastIssueEvent(event), entry)] : [];
  });
  return { items, nextCursor: page.nextCursor };
}
