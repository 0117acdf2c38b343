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
}

/**
 * Feeds one Reaction from the event store's durable subscription. The effect runs first and
 * the checkpoint (kept in the read store, compare-and-set) moves after it: at least once,
 * never lost. A crash in between replays the batch, which the idempotent effect absorbs.
 */
export class Reactor {
  private subscription: Subscription | null = null;
  private checkpoint = 0;

  constructor(
    private readonly eventStore: EventStore,
    private readonly readStore: ReadStore,
    private readonly reaction: Reaction,
    private readonly options: ReactorOptions = {},
  ) {}

  get name(): string {
    return this.reaction.name;
  }

  /** The position up to which the effect is known to have run. */
  position(): number {
    return this.checkpoint;
  }

  async start(): Promise<void> {
    if (this.subscription) return;
    this.checkpoint = await this.readStore.checkpoint(this.reaction.name);
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
  }

  private async apply(batch: StoredEvent[]): Promise<void> {
    if (batch.length === 0) return;
    const last = batch[batch.length - 1].position;
    const upcast = this.options.upcast ?? ((e: StoredEvent) => e);
    await this.reaction.react(batch.map(upcast));
    for (;;) {
      try {
        await this.readStore.applyBatch(this.reaction.name, { from: this.checkpoint, to: Math.max(last, this.checkpoint) }, async () => undefined);
        this.checkpoint = Math.max(last, this.checkpoint);
        return;
      } catch (error) {
        // Another engine moved it (both reacted; the effect is idempotent): take its value.
        if (!(error instanceof CheckpointMovedError)) throw error;
        this.checkpoint = error.actual;
        if (this.checkpoint >= last) return;
      }
    }
  }
}
