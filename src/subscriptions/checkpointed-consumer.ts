import type { EventStore, StoredEvent, Subscription } from '../event-store/event-store';
import { CheckpointMovedError, type DocumentWriter, type ReadStore } from '../ports/read-store';

export interface CheckpointedConsumerOptions {
  /** The checkpoint keys it keeps in the read store, e.g. projection names or `reactor:…`. */
  names: string[];
  /** Brings old event shapes up to today's before the handler sees them. @defaultValue identity */
  upcast?: (event: StoredEvent) => StoredEvent;
  /** Events per batch. @defaultValue 500 */
  batchSize?: number;
  /** Told about a failed batch; the subscription then delivers it again. */
  onError?: (error: unknown) => void;
}

/** Where a delivered batch sits: after the previous one this subscription delivered, up to its last event. */
export interface DeliveredRange {
  /** The position the subscription had delivered up to before this batch. */
  after: number;
  /** The position of the batch's last event. */
  last: number;
}

/** Told about each batch, upcast, in log order; the next batch waits for it, and a throw redelivers it. */
export type BatchHandler = (events: StoredEvent[], range: DeliveredRange) => Promise<void>;

const noWrites = async (): Promise<void> => undefined;

/**
 * The one way this engine follows the log: subscribe from the checkpoints stored in the read
 * store (from the lowest, when it keeps several), upcast, deliver batches, and move each
 * checkpoint by compare-and-set. The projector and the reactors build on it and add what
 * differs: the projector a lease and read-your-writes waiters, a reactor its effect first and
 * a checkpoint at most once a second. A compare-and-set that finds the checkpoint moved by
 * another writer writes nothing and adopts the stored value, so two processes following the
 * same checkpoint never apply a batch twice.
 */
export class CheckpointedConsumer {
  /** The checkpoints as last read or written. */
  private readonly stored = new Map<string, number>();
  private subscription: Subscription | null = null;
  /** What the current subscription has delivered up to: events after it arrive next. */
  private delivered = 0;

  constructor(
    private readonly eventStore: EventStore,
    private readonly readStore: ReadStore,
    private readonly options: CheckpointedConsumerOptions,
    private readonly handle: BatchHandler,
  ) {}

  /** Reads the stored checkpoints again (a follower polls them; absent means 0). */
  async load(): Promise<void> {
    const stored = await this.readStore.checkpoints();
    for (const name of this.options.names) this.stored.set(name, stored[name] ?? 0);
  }

  /** Where `name` stands, as last read or written. */
  checkpoint(name: string): number {
    return this.stored.get(name) ?? 0;
  }

  /** The slowest checkpoint: every name has reached it. */
  lowest(): number {
    return this.options.names.length ? Math.min(...this.options.names.map((n) => this.checkpoint(n))) : 0;
  }

  subscribed(): boolean {
    return this.subscription !== null;
  }

  /** Reloads the checkpoints and follows the log from the lowest; a subscription already running is kept. */
  async subscribe(): Promise<void> {
    if (this.subscription) return;
    await this.load();
    this.delivered = this.lowest();
    const upcast = this.options.upcast ?? ((event: StoredEvent) => event);
    this.subscription = this.eventStore.subscribe({
      after: this.delivered,
      batchSize: this.options.batchSize ?? 500,
      onBatch: async (batch) => {
        if (batch.length === 0) return;
        const range = { after: this.delivered, last: batch[batch.length - 1].position };
        await this.handle(batch.map(upcast), range);
        this.delivered = range.last;
      },
      onError: this.options.onError,
    });
  }

  /** Stops delivery; resolves once no batch is in flight. */
  async unsubscribe(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.stop();
  }

  /**
   * Moves `name` from where it was last seen to `to`, with `write` (a projection's documents)
   * in the same transaction. Answers false when another writer had moved it: nothing was
   * written, and `checkpoint(name)` now says where it really is.
   */
  async advance(
    name: string,
    to: number,
    write: (docs: DocumentWriter) => Promise<void> = noWrites,
  ): Promise<boolean> {
    const from = this.checkpoint(name);
    try {
      // Without documents this is the checkpoint's compare-and-set alone, in its own transaction.
      await this.readStore.applyBatch(name, { from, to }, write);
      this.stored.set(name, to);
      return true;
    } catch (error) {
      if (!(error instanceof CheckpointMovedError)) throw error;
      this.stored.set(name, error.actual);
      return false;
    }
  }

  /**
   * Moves several names to `to` in one transaction with `write` (every projection of a
   * batch together). Answers false when another writer had moved any of them: nothing was
   * written, and the checkpoints are read again so `checkpoint()` says where each stands.
   */
  async advanceAll(
    names: string[],
    to: number,
    write: (docs: DocumentWriter) => Promise<void>,
  ): Promise<boolean> {
    const ranges = names.map((projection) => ({ projection, from: this.checkpoint(projection), to }));
    try {
      await this.readStore.applyBatches(ranges, write);
      for (const name of names) this.stored.set(name, to);
      return true;
    } catch (error) {
      if (!(error instanceof CheckpointMovedError)) throw error;
      await this.load();
      return false;
    }
  }
}
