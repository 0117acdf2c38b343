import type { EventStore, StoredEvent } from '../event-store/event-store';
import { MemoryReadStore } from '../read-store/memory-read-store';
import { applyEvents } from './apply-events';
import type { Projection } from '../ports/projection';

import type { FoldTarget, LogFoldsPort } from '../ports/log-folds';

export type { FoldTarget } from '../ports/log-folds';

/** The read models as they stood at a point of the log, in memory. */
export interface LogFold {
  /** Never written again once handed out: later folds work on clones. */
  store: MemoryReadStore;
  /** The last event folded in (0 for none). */
  position: number;
  /** Its recordedAt ('' for none). */
  recordedAt: string;
}

export interface LogFoldsOptions {
  /** Brings old event shapes up to today's. @defaultValue identity */
  upcast?: (event: StoredEvent) => StoredEvent;
  /** Events read per round trip. @defaultValue 1000 */
  batchSize?: number;
  /** A checkpoint is kept every this many events. @defaultValue 5000 */
  checkpointEvery?: number;
  /** Checkpoints kept at most (older ones are thinned out). @defaultValue 16 */
  maxCheckpoints?: number;
}

const EMPTY: LogFold = { store: MemoryReadStore.empty(), position: 0, recordedAt: '' };

/**
 * Folds the log into the given projections, in memory, up to a time or a position: the read
 * models exactly as the live projections had them then, for answers "as of" a moment (a
 * ranking read out at a meeting) and for reviews frozen at a log position.
 *
 * Reading the log from the start for every question would cost the whole log each time, so
 * folds resume: the furthest fold reached and a checkpoint every `checkpointEvery` events are
 * kept (as cheap copies sharing their documents), and a question starts from the latest one
 * at or before its target. Questions moving forward in time only read what is new.
 *
 * `recordedAt` grows with position in every store (PostgreSQL takes it under the append lock,
 * SQLite's single writer from its clock), so a fold by time stops at the first event
 * recorded after `asOf`.
 */
export class LogFolds implements LogFoldsPort {
  private checkpoints: LogFold[] = [];
  private furthest: LogFold = EMPTY;

  constructor(
    private readonly eventStore: EventStore,
    private readonly projections: Projection[],
    private readonly options: LogFoldsOptions = {},
  ) {}

  async fold(target: FoldTarget): Promise<LogFold> {
    const asOf = 'asOf' in target ? target.asOf.toISOString() : '';
    const within = (e: StoredEvent) =>
      'position' in target ? e.position <= target.position : e.recordedAt <= asOf;
    const reached = (fold: LogFold) =>
      'position' in target ? fold.position <= target.position : fold.recordedAt <= asOf;
    const start = [EMPTY, ...this.checkpoints, this.furthest]
      .filter(reached)
      .reduce((a, b) => (b.position > a.position ? b : a));
    const store = start.store.clone();
    await store.ensureCollections(this.projections.flatMap((p) => p.collections));
    let position = start.position;
    let recordedAt = start.recordedAt;
    const every = this.options.checkpointEvery ?? 5000;
    for (;;) {
      const batch = await this.eventStore.readAll({
        after: position,
        maxCount: this.options.batchSize ?? 1000,
      });
      // Stop at the first event past the target: everything after it is later still.
      const cut = batch.findIndex((e) => !within(e));
      const taken = (cut < 0 ? batch : batch.slice(0, cut)).map((e) => this.options.upcast?.(e) ?? e);
      if (taken.length > 0) {
        const last = taken[taken.length - 1];
        for (const projection of this.projections)
          await store.applyBatch(projection.name, { from: position, to: last.position }, (docs) =>
            applyEvents(projection, taken, docs),
          );
        const crossed = Math.floor(last.position / every) > Math.floor(position / every);
        position = last.position;
        recordedAt = last.recordedAt;
        if (crossed) this.keepCheckpoint({ store: store.clone(), position, recordedAt });
      }
      if (batch.length === 0 || taken.length < batch.length) break;
    }
    const fold = { store, position, recordedAt };
    if (position > this.furthest.position) this.furthest = fold;
    // The fold handed out is never written again; the next one starts from a clone of it.
    return fold;
  }

  private keepCheckpoint(fold: LogFold): void {
    if (this.checkpoints.some((c) => c.position === fold.position)) return;
    this.checkpoints = [...this.checkpoints, fold].sort((a, b) => a.position - b.position);
    // Thin out evenly, keeping the newest: memory stays bounded on any log.
    if (this.checkpoints.length > (this.options.maxCheckpoints ?? 16))
      this.checkpoints = this.checkpoints.filter((_, i, all) => (all.length - 1 - i) % 2 === 0);
  }
}
