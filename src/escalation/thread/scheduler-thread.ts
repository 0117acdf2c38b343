import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import * as path from 'node:path';
import type { EventStore } from '../../event-store/event-store';
import { RestartingWorker } from '../../threads/restarting-worker';
import { spawnWorker } from '../../threads/spawn-worker';
import type { CheckError } from '../checks/pending-checks';
import type { EscalationLog } from '../escalation-log';
import type { SchedulerState } from '../queue/scheduler-state';
import type { FromScheduler, SchedulerWorkerData } from './scheduler-protocol';

/**
 * The escalation scheduler in its worker thread (`scheduler-worker`), seen from the main
 * thread: where it stands and which deadlines it cannot place (for /health and a rules
 * reload), kept from its messages, and its errors noted in the escalation log here, as the
 * scheduler on this thread would. Started with the app and stopped before the stores close;
 * a worker that dies is started again and resumes from its checkpoint.
 */
export class SchedulerThread implements SchedulerState, OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly errors = new Map<string, CheckError[]>();
  private current = 0;
  private readonly worker: RestartingWorker<FromScheduler>;

  constructor(data: SchedulerWorkerData, events: EventStore, log: EscalationLog) {
    this.worker = new RestartingWorker<FromScheduler>(events, {
      what: "the escalation scheduler's worker",
      spawn: () => spawnWorker(path.join(__dirname, 'scheduler-worker'), data),
      message: (message) => {
        switch (message.type) {
          case 'started':
            this.current = Math.max(this.current, message.position);
            break;
          case 'scheduled':
            this.current = Math.max(this.current, message.position);
            log.scheduled();
            break;
          case 'error':
            log.noteError(message.error, message.from);
            break;
          case 'uncomputable':
            if (message.errors.length > 0) this.errors.set(message.issueId, message.errors);
            else this.errors.delete(message.issueId);
            break;
        }
      },
      onError: (error) => log.noteError(`escalation scheduler: ${error}`, 'scheduler'),
    });
  }

  position(): number {
    return this.current;
  }

  /** Resolves once the worker has opened its stores and subscribed. */
  start(): Promise<void> {
    return this.worker.start();
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  onApplicationBootstrap(): Promise<void> {
    return this.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }
}
