/**
 * What ProjectionsService needs of whatever runs the projections: a Projector on this thread
 * or the ProjectorThread standing for one in a worker.
 */
export interface ProjectorRunner {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The position every projection has applied (the slowest one's checkpoint). */
  position(): number;
  /** True while it applies events (holds the lease and is subscribed). */
  leading(): boolean;
  /** Resolves true once every projection has reached `position`, false after `timeoutMs`. */
  waitForPosition(position: number, timeoutMs: number): Promise<boolean>;
}
