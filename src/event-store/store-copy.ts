import { isDeepStrictEqual } from 'node:util';
import type { EventStore, StoredEvent } from './event-store';

/** Where the log is copied from: any store. */
export type CopySource = Pick<EventStore, 'readAll' | 'headPosition'>;

/** Where it is copied to: a store that can take events as they are (PostgresEventStore). */
export interface CopyTarget extends CopySource {
  importEvents(events: StoredEvent[]): Promise<void>;
}

export interface CopyOptions {
  /** Events per read and per target transaction. @defaultValue 500 */
  batchSize?: number;
  /** Stop after copying this many events (a resumable partial copy). @defaultValue no limit */
  maxEvents?: number;
  /** Called after each batch is committed on the target. */
  onProgress?: (progress: CopyProgress) => void;
  /** Called once the events already on the target are checked against the source. */
  onVerified?: (alreadyOnTarget: number) => void;
}

export interface CopyProgress {
  /** Events copied by this run so far. */
  copied: number;
  /** Position of the last event committed on the target. */
  position: number;
  /** The source's head when the run started. */
  sourceHead: number;
}

export interface CopySummary {
  /** Events found on the target at start, checked identical to the source's. */
  alreadyOnTarget: number;
  /** Events this run copied. */
  copied: number;
  /** The target's head position after the run. */
  targetHead: number;
  /** The source's head position after the run. */
  sourceHead: number;
  /** Whether the target now holds the whole source log. */
  complete: boolean;
}

/** The target holds events that are not this source's log: copying on would mix two logs. */
export class TargetMismatchError extends Error {
  constructor(position: number, detail: string) {
    super(
      `store copy refused: the target is not a copy of this source (at position ${position}: ${detail}). ` +
        'Copy into an empty store or schema (postgres:<url>#<schema>), or resume with the source it came from.',
    );
    this.name = 'TargetMismatchError';
  }
}

/**
 * Copies the whole log in position order, keeping ids, streams, revisions, data, metadata,
 * recordedAt and positions. Resumable: what is already on the target is checked event by
 * event against the source (a stale or foreign target is refused, never appended to), and
 * the copy continues after it. Writers should be stopped for the final run; events appended
 * to the source during a run are copied by the next one.
 */
export async function copyEventLog(
  from: CopySource,
  to: CopyTarget,
  options: CopyOptions = {},
): Promise<CopySummary> {
  const batchSize = options.batchSize ?? 500;
  const sourceHead = await from.headPosition();
  const alreadyOnTarget = await verifyOverlap(from, to, batchSize);
  options.onVerified?.(alreadyOnTarget);

  let after = await to.headPosition();
  let copied = 0;
  const limit = options.maxEvents ?? Number.POSITIVE_INFINITY;
  while (copied < limit) {
    const batch = await from.readAll({ after, maxCount: Math.min(batchSize, limit - copied) });
    if (batch.length === 0) break;
    await to.importEvents(batch);
    copied += batch.length;
    after = batch[batch.length - 1].position;
    options.onProgress?.({ copied, position: after, sourceHead });
  }
  const [targetHead, headNow] = await Promise.all([to.headPosition(), from.headPosition()]);
  return { alreadyOnTarget, copied, targetHead, sourceHead: headNow, complete: targetHead === headNow };
}

/** Pages through the target and the source together; returns how many events matched. */
async function verifyOverlap(from: CopySource, to: CopySource, batchSize: number): Promise<number> {
  let matched = 0;
  for (let after = 0; ;) {
    const onTarget = await to.readAll({ after, maxCount: batchSize });
    if (onTarget.length === 0) return matched;
    const inSource = await from.readAll({ after, maxCount: onTarget.length });
    onTarget.forEach((event, i) => {
      const difference = differs(inSource[i], event);
      if (difference) throw new TargetMismatchError(event.position, difference);
    });
    matched += onTarget.length;
    after = onTarget[onTarget.length - 1].position;
  }
}

/** What differs between the source's and the target's event, or null if they are the same. */
function differs(source: StoredEvent | undefined, target: StoredEvent): string | null {
  if (!source) return `the target has event ${target.id}, the source has nothing there`;
  for (const key of ['position', 'id', 'streamId', 'revision', 'type', 'recordedAt'] as const) {
    if (source[key] !== target[key]) {
      return `${key} is ${JSON.stringify(target[key])} on the target, ${JSON.stringify(source[key])} in the source`;
    }
  }
  // Key order is not compared: PostgreSQL's JSONB keeps objects with sorted keys.
  if (!isDeepStrictEqual(source.data, target.data)) return `the data of event ${target.id} differs`;
  if (!isDeepStrictEqual(source.metadata, target.metadata))
    return `the metadata of event ${target.id} differs`;
  return null;
}
