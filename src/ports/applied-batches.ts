import type { StoredEvent } from '../event-store/event-store';

/**
 * Told by the projector after each batch it applied, once the batch's read-store transaction
 * committed: what happened (a few facts per event, no event data) and where the read models
 * now stand. Live updates (`src/live/`) are fed from here, so a page told about an event can
 * read it back from the projections at once, and nothing is told that a crash could undo.
 *
 * The projector calls `applied` synchronously and does not wait: an implementation returns at
 * once and never throws (it queues what it needs to do). Batches arrive in log order, each
 * once per process; after a restart a batch may be told again (positions say which).
 */
export interface AppliedBatches {
  applied(batch: AppliedBatch): void;
}

/** One applied batch, as the live feed needs it. */
export interface AppliedBatch {
  /** The position of the batch's last event: every read model in `readModels` has applied it. */
  position: number;
  events: AppliedEvent[];
  /** Each read model (projection name) and the log position its checkpoint now stands at. */
  readModels: Record<string, number>;
}

/** The facts of one event worth telling a reader; nothing of its data beyond what it names. */
export interface AppliedEvent {
  position: number;
  type: string;
  streamId: string;
  recordedAt: string;
  /** `data.issueId` when the event names one issue, else null. */
  issueId: string | null;
  /** `data.district` when the event names it (an issue's report does, its later events do not), else null. */
  district: string | null;
}

/** Injection token of this process's AppliedBatches (absent: nobody listens). */
export const APPLIED_BATCHES = Symbol('APPLIED_BATCHES');

/** The facts of events as they were applied (upcast), for `AppliedBatch.events`. */
export function appliedEvents(events: readonly StoredEvent[]): AppliedEvent[] {
  return events.map((event) => {
    const data = (event.data ?? {}) as { issueId?: unknown; district?: unknown };
    return {
      position: event.position,
      type: event.type,
      streamId: event.streamId,
      recordedAt: event.recordedAt,
      issueId: typeof data.issueId === 'string' ? data.issueId : null,
      district: typeof data.district === 'string' ? data.district : null,
    };
  });
}
