/**
 * What the projector has just applied, for whatever follows the read models live (the SSE
 * stream of `src/live/`): after each batch's read-store transaction has committed, one
 * notice with the batch's range and a minimal line per event. Told in log order, on the main
 * thread, also when the projector runs in its worker thread. A reader that queries the read
 * models on a notice sees at least that batch applied.
 *
 * Only the process that applies tells: with several engines on one PostgreSQL read store, a
 * follower (not holding the projection lease) hears nothing and should poll the checkpoints.
 */
export interface AppliedEvent {
  position: number;
  streamId: string;
  type: string;
  /** The issue it belongs to (`data.issueId`); null for events of no issue. */
  issueId: string | null;
  /** `data.district` when the event names one (a report, a daily-record entry); else null. */
  district: string | null;
}

export interface AppliedBatch {
  /** The position the read models stood at before the batch (exclusive). */
  fromPosition: number;
  /** The batch's last event: every projection has applied the log up to here. */
  toPosition: number;
  events: AppliedEvent[];
}

export type AppliedBatchListener = (batch: AppliedBatch) => void;

export interface AppliedBatches {
  /** Calls `listener` after every batch applied from now on; returns the unsubscribe. */
  onApplied(listener: AppliedBatchListener): () => void;
}

/** Injection token for the AppliedBatches of this process. */
export const APPLIED_BATCHES = Symbol('APPLIED_BATCHES');
