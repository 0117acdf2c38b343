import type { Worker } from 'node:worker_threads';
import type { EventStore } from '../event-store/event-store';
import { AppendCounter } from './append-counter';
import type { ToWorker, WorkerLifecycle } from './worker-protocol';

const RESTART_DELAY_MS = 1000;

/** What the owner of a worker thread gives and is told. */
export interface WorkerOwner<From, To> {
  /** The worker in messages: "the projections' worker". */
  what: string;
  spawn(): Worker;
  /**
   * Each of the worker's own messages, and its 'started' (which says what it stands at), with
   * the way to answer that worker: an answer to a worker that has since died goes nowhere
   * rather than to the one started after it.
   */
  message(message: From, reply: (answer: To) => void): void;
  /** Told about a worker that failed or died (it is started again). */
  onError?(error: string): void;
  /** The worker is gone; a new one is started a second later. */
  exited?(): void;
}

/**
 * One of the engine's worker threads, seen from the main thread: started with the app (the
 * start resolves once the worker has opened its stores and says 'started'), told of every
 * append of this process so its subscriptions read the log at once, stopped with the app
 * (ended if it does not stop within 10 s), and started again a second after it dies. What it
 * did is in its checkpoints, so a new one resumes where the last one stopped.
 */
export class RestartingWorker<From extends { type: string }, To extends { type: string } = never> {
  private worker: Worker | null = null;
  private running = false;
  private unsubscribeAppends: (() => void) | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  /** Raised at each append of this process; every worker started here watches it. */
  private readonly appends = new AppendCounter();

  constructor(
    private readonly events: EventStore,
    private readonly owner: WorkerOwner<From, To>,
  ) {}

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.unsubscribeAppends = this.events.onAppended?.(() => this.appends.raise()) ?? null;
    await this.spawn();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribeAppends?.();
    this.unsubscribeAppends = null;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ type: 'stop' } satisfies ToWorker);
    // A worker that does not finish its batch and close its stores in time is ended.
    const timer = setTimeout(() => void worker.terminate(), 10_000);
    await exited;
    clearTimeout(timer);
  }

  private spawn(): Promise<void> {
    const { what } = this.owner;
    const worker = this.owner.spawn();
    this.worker = worker;
    worker.postMessage({ type: 'append-counter', buffer: this.appends.buffer } satisfies ToWorker);
    const reply = (answer: To): void => {
      if (this.worker === worker) worker.postMessage(answer satisfies ToWorker<To>);
    };
    return new Promise<void>((resolve, reject) => {
      let started = false;
      worker.on('message', (message: From | WorkerLifecycle) => {
        if (message.type === 'failed') {
          const { error } = message as WorkerLifecycle & { type: 'failed' };
          if (!started) reject(new Error(`${what} could not start: ${error}`));
          else this.owner.onError?.(error);
          return;
        }
        if (message.type === 'stopped') return;
        if (message.type === 'started') {
          started = true;
          resolve();
        }
        this.owner.message(message as From, reply);
      });
      worker.on('error', (error) => {
        if (!started) reject(error);
        else this.owner.onError?.(error.message);
      });
      worker.on('exit', (code) => {
        if (this.worker !== worker) return;
        this.worker = null;
        this.owner.exited?.();
        if (!started) {
          reject(new Error(`${what} exited (code ${code}) before it started`));
          return;
        }
        if (!this.running) return;
        this.owner.onError?.(`${what} exited (code ${code}); starting it again`);
        this.restartTimer = setTimeout(() => {
          if (this.running) this.spawn().catch((error: unknown) => this.owner.onError?.(String(error)));
        }, RESTART_DELAY_MS);
      });
    });
  }
}
