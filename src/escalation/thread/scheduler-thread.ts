import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import * as path from 'node:path';
import type { EventStore } from '../../event-store/event-store';
import type { CommandResult, ExecuteIssueCommand } from '../../issues/commands/execute-issue-command';
import { RestartingWorker } from '../../threads/restarting-worker';
import { spawnWorker } from '../../threads/spawn-worker';
import type { CheckError } from '../checks/pending-checks';
import type { EscalationLog } from '../escalation-log';
import type { SchedulerState } from '../queue/scheduler-state';
import type { FromScheduler, SchedulerWorkerData, ToScheduler } from './scheduler-protocol';
import { answerCommand } from './relayed-commands';

/**
 * The escalation scheduler and the check worker in their worker thread (`scheduler-worker`),
 * seen from the main thread: where the scheduler stands and which deadlines it cannot place
 * (for /health and a rules reload), kept from its messages, its errors noted in the
 * escalation log here, as the graph on this thread would, and each due check's command run
 * by `execute` (the one command handler) and answered. Started with the app and stopped
 * before the stores close; a worker that dies is started again and resumes from its
 * checkpoint, and the check jobs it held are taken over once their locks expire.
 */
export class SchedulerThread implements SchedulerState, OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly errors = new Map<string, CheckError[]>();
  private current = 0;
  private readonly worker: RestartingWorker<FromScheduler, ToScheduler>;

  constructor(
    data: SchedulerWorkerData,
    events: EventStore,
    log: EscalationLog,
    execute: (command: ExecuteIssueCommand) => Promise<CommandResult>,
  ) {
    this.worker = new RestartingWorker<FromScheduler, ToScheduler>(events, {
      what: "the escalation scheduler's worker",
      spawn: () => spawnWorker(path.join(__dirname, 'scheduler-worker'), data),
      message: (message, reply) => {
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
          case 'execute':
            void answerCommand(message, execute, reply);
            break;
          case 'check-failed':
            log.logger.error(message.text);
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
