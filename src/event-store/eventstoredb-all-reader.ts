import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type Position,
  type ReadPosition,
  type StreamingRead,
} from '@eventstore/db-client';
import type { ReadAllOptions, StoredEvent } from './event-store';
import { eventPositions } from './event-store';
import { isConnectionError } from './eventstoredb-connect';
import {
  comparePositions,
  exactPosition,
  isOwnEvent,
  positionNumber,
  toStoredEvent,
} from './eventstoredb-mapping';

/** Reads a whole (bounded) gRPC read into memory. */
export async function collect<T>(read: StreamingRead<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}

/** Raw records read per round trip while scanning `$all`; bounds memory with large events. */
const PAGE = 200;

/**
 * Reads of `$all` for the store. Client 6.x sends no filter with `readAll` (its options have
 * none; the request says NoFilter), so reads filter on this side, page by page; the live
 * subscription does filter on the server.
 */
export class EsdbAllReader {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly prefixes: readonly string[],
  ) {}

  async readAll({ after = 0, maxCount = 1000 }: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const found: StoredEvent[] = [];
    let page = await this.firstPageAfter(after);
    let last: Position | null = null;
    for (;;) {
      for (const { event } of page) {
        if (!event) continue;
        // A forward read includes its start, so each page repeats the last record of the one before.
        if (last && comparePositions(event.position, last) <= 0) continue;
        last = event.position;
        if (event.position.commit <= BigInt(after) || !isOwnEvent(event, this.prefixes)) continue;
        found.push(toStoredEvent(event));
        if (found.length >= maxCount) return found;
      }
      if (page.length < PAGE || !last) return found;
      page = await this.page(last, FORWARDS);
    }
  }

  /**
   * One read of one record per position, all at once: a number we handed out is the exact
   * position of its record. Any other number points into the middle of a record, which the
   * server refuses; such a position holds no event of ours, so it is left out.
   */
  async readPositions(positions: readonly number[]): Promise<StoredEvent[]> {
    const read = async (position: number): Promise<StoredEvent | null> => {
      try {
        const [record] = await collect(
          this.client.readAll({
            fromPosition: exactPosition(position),
            direction: FORWARDS,
            maxCount: 1,
            resolveLinkTos: false,
          }),
        );
        const event = record?.event;
        return event && event.position.commit === BigInt(position) && isOwnEvent(event, this.prefixes)
          ? toStoredEvent(event)
          : null;
      } catch (error) {
        if (isConnectionError(error)) throw error;
        return null;
      }
    };
    const found = await Promise.all(eventPositions(positions).map(read));
    return found.filter((e): e is StoredEvent => e !== null).sort((a, b) => a.position - b.position);
  }

  /** The position of the newest own event, 0 when there is none. */
  async headPosition(): Promise<number> {
    const newest = await this.scanBackwards((event) => isOwnEvent(event, this.prefixes));
    return newest ? positionNumber(newest, 'the newest event') : 0;
  }

  /**
   * The first page of a forward read that misses no event after `after`. A number we handed
   * out is the exact log position of an event, a valid place to start. Any other number (say,
   * one less than an event's position) points into the middle of a log record, which the
   * server refuses; then start from the last record at or before it, found from the end.
   */
  private async firstPageAfter(after: number): Promise<AllStreamResolvedEvent[]> {
    if (after <= 0) return this.page(START, FORWARDS);
    try {
      return await this.page(exactPosition(after), FORWARDS);
    } catch (error) {
      if (isConnectionError(error)) throw error;
      return this.page(await this.lastRecordAtOrBefore(after), FORWARDS);
    }
  }

  /** A valid read position at or before `after` (the start of the log if nothing is). */
  async lastRecordAtOrBefore(after: number): Promise<ReadPosition> {
    const record = await this.scanBackwards((event) => event.position.commit <= BigInt(after));
    return record ?? START;
  }

  /** Walks `$all` from the end until `match`; costs what lies between the end and the match. */
  private async scanBackwards(
    match: (event: NonNullable<AllStreamResolvedEvent['event']>) => boolean,
  ): Promise<Position | null> {
    let from: ReadPosition = END;
    let last: Position | null = null;
    for (;;) {
      const page = await this.page(from, BACKWARDS);
      for (const { event } of page) {
        if (!event) continue;
        if (last && comparePositions(event.position, last) >= 0) continue;
        last = event.position;
        if (match(event)) return event.position;
      }
      if (page.length < PAGE || !last) return null;
      from = last;
    }
  }

  private page(
    from: ReadPosition,
    direction: typeof FORWARDS | typeof BACKWARDS,
  ): Promise<AllStreamResolvedEvent[]> {
    return collect(
      this.client.readAll({ fromPosition: from, direction, maxCount: PAGE, resolveLinkTos: false }),
    );
  }
}
