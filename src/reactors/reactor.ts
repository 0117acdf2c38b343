import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { EventStore, StoredEvent } from '../event-store/event-store';
import type { ReadStore } from '../ports/read-store';
import { CheckpointedConsumer } from '../subscriptions/checkpointed-consumer';

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
 * the idempotent effect absorbs. In the app, Nest starts it with the app and stops it before
 * the stores close.
 */
export class Reactor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly consumer: CheckpointedConsumer;
  /** Where the effects have run up to (ahead of the stored checkpoint by at most an interval). */
  private delivered = 0;
  private savedAt = 0;
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(
    eventStore: EventStore,
    readStore: ReadStore,
    private readonly reaction: Reaction,
    private readonly options: ReactorOptions = {},
  ) {
    this.consumer = new CheckpointedConsumer(
      eventStore,
      readStore,
      {
        names: [reaction.name],
        upcast: options.upcast,
        batchSize: options.batchSize,
        onError: options.onError,
      },
      (events, { last }) => this.apply(events, last),
    );
  }

  get name(): string {
    return this.reaction.name;
  }

  /** The position up to which the effect has run. */
  position(): number {
    return Math.max(this.delivered, this.consumer.checkpoint(this.name));
  }

  async start(): Promise<void> {
    await this.consumer.subscribe();
  }

  async stop(): Promise<void> {
    await this.consumer.unsubscribe();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    // Best effort: a checkpoint not written now only means a replay of idempotent effects.
    await this.save().catch((error: unknown) => this.options.onError?.(error));
  }

  onApplicationBootstrap(): Promise<void> {
    return this.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  private async apply(events: StoredEvent[], last: number): Promise<void> {
    await this.reaction.react(events);
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
    // A checkpoint another engine moved (both reacted; the effect is idempotent) is adopted;
    // one it moved beyond ours ends the loop.
    while (this.consumer.checkpoint(this.name) < this.delivered)
      await this.consumer.advance(this.name, this.delivered);
  }
}
