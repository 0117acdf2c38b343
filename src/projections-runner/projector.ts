import type { EventStore, StoredEvent, Subscription } from '../event-store/event-store';
import type { ReadStore } from '../read-store/read-store';
import type { Projection } from './projection';

export interface ProjectorOptions {
  /** Brings old event shapes up to today's before any projection sees them. @defaultValue identity */
  upcast?: (event: StoredEvent) => StoredEvent;
  /** Events per batch, and so per read-store transaction. @defaultValue 500 */
  batchSize?: number;
  /** Told about a failed batch; the subscription then retries it. @defaultValue ignore */
  onError?: (error: unknown) => void;
}

type Waiter = { position: number; resolve: (caughtUp: boolean) => void; timer: NodeJS.Timeout };

/**
 * Feeds the projections from the event store. Each projection keeps its own checkpoint in the
 * read store, written in the same transaction as its documents, so a restart resumes exactly
 * where each one stopped: nothing is applied twice, even if one projection was ahead.
 */
export class Projector {
  private readonly checkpoints = new Map<string, number>();
  private readonly waiters = new Set<Waiter>();
  private subscription: Subscription | null = null;
  /** The last position seen, so position() means something with no projections. */
  private seen = 0;

  constructor(
    private readonly eventStore: EventStore,
    private readonly readStore: ReadStore,
    private readonly projections: Projection[],
    private readonly options: ProjectorOptions = {},
  ) {}

  async start(): Promise<void> {
    if (this.subscription) return;
    await this.readStore.ensureCollections(this.projections.flatMap((p) => p.collections));
    for (const p of this.projections) this.checkpoints.set(p.name, await this.readStore.checkpoint(p.name));
    this.seen = this.position();
    this.subscription = this.eventStore.subscribe({
      after: this.seen,
      batchSize: this.options.batchSize ?? 500,
      onBatch: (events) => this.apply(events),
      onError: this.options.onError,
    });
  }

  /** The position every projection has applied (the slowest one's checkpoint). */
  position(): number {
    return this.checkpoints.size ? Math.min(...this.checkpoints.values()) : this.seen;
  }

  /** Resolves true once every projection has reached `position`, false after `timeoutMs`. */
  waitForPosition(position: number, timeoutMs: number): Promise<boolean> {
    if (this.position() >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        position,
        resolve,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          resolve(false);
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.resolve(this.position() >= waiter.position);
    }
    this.waiters.clear();
  }

  private async apply(batch: StoredEvent[]): Promise<void> {
    if (batch.length === 0) return;
    const last = batch[batch.length - 1].position;
    const upcast = this.options.upcast ?? ((e: StoredEvent) => e);
    const events = batch.map(upcast);
    for (const projection of this.projections) {
      const checkpoint = this.checkpoints.get(projection.name) ?? 0;
      if (last <= checkpoint) continue;
      const todo = events.filter((e) => e.position > checkpoint);
      // The checkpoint moves to the batch's end even if no event concerned this projection.
      await this.readStore.applyBatch(projection.name, last, async (docs) => {
        for (const event of todo) await projection.handle(event, docs);
      });
      this.checkpoints.set(projection.name, last);
    }
    this.seen = Math.max(this.seen, last);
    this.wakeWaiters();
  }

  private wakeWaiters(): void {
    const position = this.position();
    for (const waiter of this.waiters) {
      if (waiter.position > position) continue;
      clearTimeout(waiter.timer);
      this.waiters.delete(waiter);
      waiter.resolve(true);
    }
  }
}
