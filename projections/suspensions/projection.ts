import type { StoredEvent } from '../../src/event-store/event-store';
import type { Projection } from '../../src/ports/projection';
import type { DocumentWriter, Filter, Page, ReadStore } from '../../src/ports/read-store';
import { asSuspensionEvent, CITY_KEY, evolveSuspensionDoc, type SuspensionDoc } from './suspension-doc';

export const SUSPENSIONS_COLLECTION = 'suspensions';

/** Every suspension (force majeure), for GET /suspensions and to seed the engine's suspension book. */
export const suspensionsProjection: Projection = {
  name: 'suspensions',
  collections: [{ name: SUSPENSIONS_COLLECTION, indexes: ['districtKey', 'endsAt', 'from'] }],
  async handle(event: StoredEvent, docs: DocumentWriter): Promise<void> {
    const suspension = asSuspensionEvent(event);
    if (!suspension) return;
    const id = suspension.data.suspensionId;
    const before = await docs.get<SuspensionDoc>(SUSPENSIONS_COLLECTION, id);
    const after = evolveSuspensionDoc(before, event);
    if (after && after !== before) await docs.put(SUSPENSIONS_COLLECTION, id, after);
  },
};

/**
 * Suspensions, latest start first. `district`: those a district's reader sees (its own
 * district's and its issues', and the city-wide ones); `endingAfter`: those not over by then.
 */
export function listSuspensions(
  readStore: Pick<ReadStore, 'find'>,
  query: {
    district?: string | null;
    /** Only those not over at this time (in force or to come). */
    endingAfter?: string;
    /** Only those over by this time. */
    endedBy?: string;
    limit?: number;
    cursor?: string | null;
  },
): Promise<Page<SuspensionDoc>> {
  const where: Filter[] = [
    ...(query.district
      ? [{ field: 'districtKey', op: 'in' as const, value: [query.district, CITY_KEY] }]
      : []),
    ...(query.endingAfter ? [{ field: 'endsAt', op: '>' as const, value: query.endingAfter }] : []),
    ...(query.endedBy ? [{ field: 'endsAt', op: '<=' as const, value: query.endedBy }] : []),
  ];
  return readStore.find<SuspensionDoc>(SUSPENSIONS_COLLECTION, {
    where,
    orderBy: [{ field: 'from', direction: 'desc' }],
    limit: query.limit,
    cursor: query.cursor,
  });
}

/** Every suspension document, in pages (the engine's book reads them all: there are few). */
export async function allSuspensionDocs(readStore: Pick<ReadStore, 'find'>): Promise<SuspensionDoc[]> {
  const docs: SuspensionDoc[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<SuspensionDoc> = await readStore.find<SuspensionDoc>(SUSPENSIONS_COLLECTION, {
      orderBy: [],
      limit: 500,
      cursor,
    });
    docs.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return docs;
}
