import type { Worker } from 'node:worker_threads';
import type { EventStore } from '../../event-store/event-store';
import type { AppliedBatches } from '../../ports/applied-batches';
import type { ProjectorRunner } from '../projector-runner';
import { spawnProjectorWorker } from './spawn-worker';
import type { FromProjector, ProjectorThreadConfig, ToProjector } from './thread-protocol';
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

const RESTART_DELAY_MS = 1000;

/**
 * The Projector in a worker thread, seen from the main thread: the same position,
 * leadership and read-your-writes waits as a Projector here, kept from the worker's
 * messages. Appends of this process are forwarded to the worker as wake-ups, so a command's
 * events are applied without waiting for a poll. A worker that dies is started again; its
 * checkpoints are in the read store, so it resumes where it stopped.
 */
export class ProjectorThread implements ProjectorRunner {
  private worker: Worker | null = null;
  private current = 0;
  private isLeading = false;
  private running = false;
  private readonly waiters = new PositionWaiters(() => this.current);
  private unsubscribeAppends: (() => void) | null = null;
  private restartTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: ProjectorThreadConfig,
    private readonly events: EventStore,
    private readonly options: ProjectorThreadOptions = {},
  ) {}

  /** Resolves once the worker has opened its stores and leads or follows. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.unsubscribeAppends = this.events.onAppended?.(() => this.send({ type: 'appended' })) ?? null;
    await this.spawn();
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
    this.running = false;
    this.unsubscribeAppends?.();
    this.unsubscribeAppends = null;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const worker = this.worker;
    this.worker = null;
    if (worker) {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ type: 'stop' } satisfies ToProjector);
      // A worker that does not finish its batch and close its stores in time is ended.
      const timer = setTimeout(() => void worker.terminate(), 10_000);
      await exited;
      clearTimeout(timer);
    }
    this.waiters.releaseAll();
  }

  private spawn(): Promise<void> {
    const worker = spawnProjectorWorker({
      config: this.config,
      batchSize: this.options.batchSize,
      leaseIntervalMs: this.options.leaseIntervalMs,
    });
    this.worker = worker;
    return new Promise<void>((resolve, reject) => {
      let started = false;
      worker.on('message', (message: FromProjector) => {
        switch (message.type) {
          case 'started':
            started = true;
            this.moved(message.position, message.leading);
            resolve();
            break;
          case 'progress':
            this.moved(message.position, message.leading);
            break;
          case 'applied':
            this.moved(message.position, message.leading);
            this.options.appliedBatches?.applied(message.batch);
            break;
          case 'batch-failed':
            this.options.onError?.(message.error);
            break;
          case 'failed':
            if (!started) reject(new Error(`projections could not start: ${message.error}`));
            else this.options.onError?.(message.error);
            break;
          case 'stopped':
            break;
        }
      });
      worker.on('error', (error) => {
        if (!started) reject(error);
        else this.options.onError?.(error.message);
      });
      worker.on('exit', (code) => {
        if (this.worker !== worker) return;
        this.worker = null;
        this.isLeading = false;
        if (!started) {
          reject(new Error(`the projections' worker exited (code ${code}) before it started`));
          return;
        }
        if (!this.running) return;
        this.options.onError?.(`the projections' worker exited (code ${code}); starting it again`);
        this.restartTimer = setTimeout(() => {
          if (this.running) this.spawn().catch((error: unknown) => this.options.onError?.(String(error)));
        }, RESTART_DELAY_MS);
      });
    });
  }

  private send(message: ToProjector): void {
    this.worker?.postMessage(message);
  }

  private moved(position: number, leading: boolean): void {
    this.current = position;
    this.isLeading = leading;
    this.waiters.moved();
  }
}
