import type { EventStore, StoredEvent, Subscription } from '../event-store/event-store';
import { CheckpointMovedError, type ReadStore } from '../read-store/read-store';

/**
 * A side effect of the log (scheduling escalation checks, queueing webhooks): told about each
 * batch of events in log order. It must be idempotent, because a batch is delivered again
 * after a crash between the effect and the checkpoint, or to a second engine.
 */
export interface Reaction {
  /** The checkpoint key in the read store, e.g. `reactor:escalation-scheduler`. */
  name: string;
  react(events: StoredEvent[]): Promise<void>;
}

export interface ReactorOptions {
  /** Brings old event shapes up to today's. @defaultValue identity */
  upcast?: (event: StoredEvent) => StoredEvent;
  /** @defaultValue 500 */
  batchSize?: number;
  /** Told about a failed batch; the subscription then retries it. */
  onError?: (error: unknown) => void;
  /**
   * The checkpoint is written at most this often (and on stop): the effects are idempotent,
   * so a crash only replays up to this much, while a write transaction per command would
   * halve the engine's command throughput. @defaultValue 1000
   */
  checkpointEveryMs?: number;
}

/**
 * Feeds one Reaction from the event store's durable subscription. The effect runs first and
 * the checkpoint (kept in the read store, compare-and-set) moves after it: at least once,
 * never lost. A crash in between replays what followed the last written checkpoint, which
 * the idempotent effect absorbs.
 */
export class Reactor {
  private subscription: Subscription | null = null;
  /** The stored checkpoint. */
  private checkpoint = 0;
  /** Where the effects have run up to (ahead of the stored checkpoint by at most an interval). */
  private delivered = 0;
  private savedAt = 0;
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly eventStore: EventStore,
    private readonly readStore: ReadStore,
    private readonly reaction: Reaction,
    private readonly options: ReactorOptions = {},
  ) {}

  get name(): string {
    return this.reaction.name;
  }

  /** The position up to which the effect has run. */
  position(): number {
    return this.delivered;
  }

  async start(): Promise<void> {
    if (this.subscription) return;
    this.checkpoint = await this.readStore.checkpoint(this.reaction.name);
    this.delivered = this.checkpoint;
    this.subscription = this.eventStore.subscribe({
      after: this.checkpoint,
      batchSize: this.options.batchSize ?? 500,
      onBatch: (events) => this.apply(events),
      onError: this.options.onError,
    });
  }

  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.stop();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    // Best effort: a checkpoint not written now only means a replay of idempotent effects.
    await this.save().catch((error: unknown) => this.options.onError?.(error));
  }

  private async apply(batch: StoredEvent[]): Promise<void> {
    if (batch.length === 0) return;
    const last = batch[batch.length - 1].position;
    const upcast = this.options.upcast ?? ((e: StoredEvent) => e);
    await this.reaction.react(batch.map(upcast));
    this.delivered = Math.max(this.delivered, last);
    const every = this.options.checkpointEveryMs ?? 1000;
    if (Date.now() - this.savedAt >= every) {
      await this.save();
      return;
    }
    // A quiet log after this batch still gets its checkpoint written soon.
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = null;
      this.save().catch((error: unknown) => this.options.onError?.(error));
    }, every).unref();
  }

  private async save(): Promise<void> {
    this.savedAt = Date.now();
    while (this.checkpoint < this.delivered) {
      try {
        await this.readStore.applyBatch(
          this.reaction.name,
          { from: this.checkpoint, to: this.delivered },
          async () => undefined,
        );
        this.checkpoint = this.delivered;
      } catch (error) {
        // Another engine moved it (both reacted; the effect is idempotent): take its value.
        if (!(error instanceof CheckpointMovedError)) throw error;
        this.checkpoint = error.actual;
      }
    }
  }
}
