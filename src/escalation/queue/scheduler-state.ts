import type { CheckError } from '../checks/pending-checks';

/**
 * What /health and the re-timing of a rules change read of the escalation scheduler, wherever
 * it runs: on this thread (the scheduler and its reactor) or in its worker (`SchedulerThread`).
 */
export interface SchedulerState {
  /** Deadlines the calendar could not place, by issue. */
  readonly errors: Map<string, CheckError[]>;
  /** The log position up to which the scheduler has queued the checks. */
  position(): number;
}

export const SCHEDULER_STATE = Symbol('SCHEDULER_STATE');
