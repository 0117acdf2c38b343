import type { CalendarConfig, EscalationConfig } from '../../config/app-config';
import type { WorkerStores } from '../../threads/worker-protocol';
import type { CheckError } from '../checks/pending-checks';
import type { CommandAnswer, CommandRequest } from './relayed-commands';

/** What the scheduler's worker is handed (plain data: it is copied). */
export interface SchedulerWorkerData {
  stores: WorkerStores;
  /**
   * Where the check queue is, whose policy file stands until the log records a version, and
   * how the check worker takes its jobs.
   */
  escalation: Pick<
    EscalationConfig,
    'redisUrl' | 'queuePrefix' | 'policyFile' | 'workerConcurrency' | 'lockMs'
  >;
  calendar: CalendarConfig;
}

/** The scheduler's worker to the main thread (besides 'failed' and 'stopped', as every worker). */
export type FromScheduler =
  | { type: 'started'; position: number }
  /** A batch's checks are in Redis: the scheduler stands at `position`. */
  | { type: 'scheduled'; position: number }
  /** Trouble for /health and the engine's log; `scheduler` marks a batch that is being retried. */
  | { type: 'error'; error: string; from: 'scheduler' | 'other' }
  /** The deadlines of an issue the calendar cannot place; none: it places them all again. */
  | { type: 'uncomputable'; issueId: string; errors: CheckError[] }
  /** A due check's command, for the main thread's command handler to run and answer. */
  | CommandRequest
  /** A check job that failed for good, for the engine's log. */
  | { type: 'check-failed'; text: string };

/** The main thread to the scheduler's worker (besides 'append-counter' and 'stop', as to every worker). */
export type ToScheduler = CommandAnswer;
