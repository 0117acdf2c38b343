import type { StoredEvent } from '../event-store/event-store';
import type {
  AppliedBatch,
  AppliedBatches,
  AppliedBatchListener,
  AppliedEvent,
} from '../ports/applied-batches';

/** The minimal line an applied batch carries per event (see `AppliedEvent`). */
export function appliedEvent(event: StoredEvent): AppliedEvent {
  const data = (event.data ?? {}) as { issueId?: unknown; district?: unknown };
  return {
    position: event.position,
    streamId: event.streamId,
    type: event.type,
    issueId: typeof data.issueId === 'string' ? data.issueId : null,
    district: typeof data.district === 'string' ? data.district : null,
  };
}

/**
 * The AppliedBatches of this process: the runner tells it each committed batch (from the
 * projector in this thread, or from the worker's messages) and it tells the listeners. A
 * listener that throws is left out of that notice only: the projections must not stop for it.
 */
export class AppliedBatchesHub implements AppliedBatches {
  private readonly listeners = new Set<AppliedBatchListener>();

  onApplied(listener: AppliedBatchListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  emit(batch: AppliedBatch): void {
    for (const listener of this.listeners) {
      try {
        listener(batch);
      } catch {
        // A broken live view must not break the read models.
      }
    }
  }
}
