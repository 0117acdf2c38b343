import type { ReadStore } from './read-store';

/** Where a fold stops: after the last event recorded by `asOf`, or at `position`. */
export type FoldTarget = { asOf: Date } | { position: number };

/** The read models as they stood at a point of the log (in memory, never written again). */
export interface LogFoldView {
  /** The read models at that point; read them with the same queries as the live ones. */
  store: Pick<ReadStore, 'get' | 'find' | 'count'>;
  /** The last event folded in (0 for none). */
  position: number;
  /** Its recordedAt ('' for none). */
  recordedAt: string;
}

/**
 * Answers "as of" a moment: the projections folded from the log up to a recorded time or a
 * log position, exactly as the live projections had them then (a ranking read out at a
 * meeting, a review frozen at its position). The projection runner implements it.
 */
export interface LogFoldsPort {
  fold(target: FoldTarget): Promise<LogFoldView>;
}

/** Injection token for the LogFoldsPort of this process. */
export const LOG_FOLDS = Symbol('LOG_FOLDS');
