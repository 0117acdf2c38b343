/**
 * How far the read models have applied the log, for the features that query them: wait for
 * read-your-writes before answering, and report the projections' health. The projection
 * runner implements it (`ProjectionsService`); features depend on this port, not on the runner.
 */
export interface ReadModelProgress {
  /** The log position every projection has applied (the slowest one's checkpoint). */
  position(): number;
  /** True when this process holds the lease and applies events; false on a follower. */
  leader(): boolean;
  /** The last failed batch's error (the runner retries it); null if none failed. */
  error(): string | null;
  /**
   * Resolves once every projection has applied `minPosition`, at once when it is undefined.
   * @throws BadRequestException (400) for a position beyond the end of the log,
   * ServiceUnavailableException (503) when the projections do not get there in time.
   */
  waitFor(minPosition: number | undefined): Promise<void>;
}

/** Injection token for the ReadModelProgress of this process. */
export const READ_MODEL_PROGRESS = Symbol('READ_MODEL_PROGRESS');
