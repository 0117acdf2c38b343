import * as path from 'node:path';
import type { EventStore } from '../../event-store/event-store';
import type { AppliedBatches } from '../../ports/applied-batches';
import { RestartingWorker } from '../../threads/restarting-worker';
import { spawnWorker } from '../../threads/spawn-worker';
import type { ProjectorRunner } from '../projector-runner';
import type { WorkerStores } from '../../threads/worker-protocol';
import type { FromProjector, ProjectorWorkerData } from './thread-protocol';
import { PositionWaiters } from '../position-waiters';

export interface ProjectorThreadOptions {
  /** Events per batch in the worker. @defaultValue the Projector's */
  batchSize?: number;
  leaseIntervalMs?: number;
  /** Told about a failed batch (the worker retries it) or a worker that died (it is restarted). */
  onError?: (error: string) => void;
  /** Told each batch the worker committed, on this thread. */
  appliedBatches?: AppliedBatches;
}

/**
 * The Projector in a worker thread, seen from the main thread: the same position,
 * leadership and read-your-writes waits as a Projector here, kept from the worker's
 * messages. Appends of this process are forwarded to the worker as wake-ups, so a command's
 * events are applied without waiting for a poll. A worker that dies is started again; its
 * checkpoints are in the read store, so it resumes where it stopped.
 */
export class ProjectorThread implements ProjectorRunner {
  private current = 0;
  private isLeading = false;
  private readonly waiters = new PositionWaiters(() => this.current);
  private readonly worker: RestartingWorker<FromProjector>;

  constructor(config: WorkerStores, events: EventStore, options: ProjectorThreadOptions = {}) {
    const data: ProjectorWorkerData = {
      config,
      batchSize: options.batchSize,
      leaseIntervalMs: options.leaseIntervalMs,
    };
    this.worker = new RestartingWorker<FromProjector>(events, {
      what: "the projections' worker",
      spawn: () => spawnWorker(path.join(__dirname, 'projector-worker'), data),
      message: (message) => {
        if (message.type === 'batch-failed') {
          options.onError?.(message.error);
          return;
        }
        this.moved(message.position, message.leading);
        if (message.type === 'applied') options.appliedBatches?.applied(message.batch);
      },
      onError: options.onError,
      exited: () => (this.isLeading = false),
    });
  }

  /** Resolves once the worker has opened its stores and leads or follows. */
  start(): Promise<void> {
    return this.worker.start();
  }

  leading(): boolean {
    return this.isLeading;
  }

  position(): number {
    return this.current;
  }

  waitForPosition(position: number, timeoutMs: number): Promise<boolean> {
    return this.waiters.wait(position, timeoutMs);
  }

  async stop(): Promise<void> {
    await this.worker.stop();
    this.waiters.releaseAll();
  }

  private moved(position: number, leading: boolean): void {
    this.current = position;
    this.isLeading = leading;
    this.waiters.moved();
  }
}
