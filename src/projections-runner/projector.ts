import type { EventStore, StoredEvent } from '../event-store/event-store';
import type { ReadStore } from '../ports/read-store';
import { CheckpointedConsumer, type DeliveredRange } from '../subscriptions/checkpointed-consumer';
import { applyEvents } from './apply-events';
import type { Projection } from '../ports/projection';
import { alwaysHeldLease, type ProjectionLease } from './projection-lease';
import { appliedEvents, type AppliedBatches } from '../ports/applied-batches';
import { PositionWaiters } from './position-waiters';

export interface ProjectorOptions {
  /** Brings old event shapes up to today's before any projection sees them. @defaultValue identity */
  upcast?: (event: StoredEvent) => StoredEvent;
  /**
   * Most events per batch, and so per read-store transaction: a live batch holds what was
   * appended since the last one, a catch-up reads this many at once. @defaultValue 2000
   */
  batchSize?: number;
  /** Told about a failed batch; the subscription then retries it. @defaultValue ignore */
  onError?: (error: unknown) => void;
  /**
   * Decides which of several processes sharing the read store applies events; the others
   * follow the stored checkpoints. @defaultValue alwaysHeldLease() (one process)
   */
  lease?: ProjectionLease;
  /**
   * How often a follower re-reads the checkpoints and retries the lease, and a leader checks
   * that it still holds it. @defaultValue 500
   */
  leaseIntervalMs?: number;
  /** Told after each batch every projection has applied (live updates). @defaultValue nobody */
  appliedBatches?: AppliedBatches;
}

const DEFAULT_BATCH_SIZE = 2000;

/**
 * Feeds the projections from the event store. Each projection keeps its own checkpoint in the
 * read store, written in the same transaction as its documents, so a restart resumes exactly
 * where each one stopped: nothing is applied twice, even if one projection was ahead.
 *
 * With several processes on one read store, the lease holder subscribes and applies; a
 * follower only re-reads the checkpoints, so `position()` and `waitForPosition()` still serve
 * read-your-writes there, and it takes over when the holder's lease goes. Each batch is a
 * compare-and-set on the checkpoint (see `CheckpointedConsumer`), so even two holders at once
 * never double-apply.
 */
export class Projector {
  private readonly consumer: CheckpointedConsumer;
  private readonly waiters = new PositionWaiters(() => this.position());
  private readonly lease: ProjectionLease;
  /** Set when the stored checkpoints fell behind the subscription; the next step resubscribes. */
  private resubscribe = false;
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private stepping: Promise<void> | null = null;
  /** The last position seen, so position() means something with no projections. */
  private seen = 0;

  constructor(
    eventStore: EventStore,
    private readonly readStore: ReadStore,
    private readonly projections: Projection[],
    private readonly options: ProjectorOptions = {},
  ) {
    this.lease = options.lease ?? alwaysHeldLease();
    this.consumer = new CheckpointedConsumer(
      eventStore,
      readStore,
      {
        names: projections.map((p) => p.name),
        upcast: options.upcast,
        batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
        onError: options.onError,
      },
      (events, range) => this.apply(events, range),
    );
  }

  /** Resolves once the collections exist and this process either leads or follows. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.readStore.ensureCollections(this.projections.flatMap((p) => p.collections));
    await this.step();
    // A timer can't wait; step() hands its errors to onError and joins a step already under way.
    this.timer = setInterval(() => void this.step(), this.options.leaseIntervalMs ?? 500);
    this.timer.unref();
  }

  /** True while this projector applies events (holds the lease and is subscribed). */
  leading(): boolean {
    return this.consumer.subscribed() && this.lease.isHeld();
  }

  /** The position every projection has applied (the slowest one's checkpoint). */
  position(): number {
    return this.projections.length ? this.consumer.lowest() : this.seen;
  }

  /** Resolves true once every projection has reached `position`, false after `timeoutMs`. */
  waitForPosition(position: number, timeoutMs: number): Promise<boolean> {
    return this.waiters.wait(position, timeoutMs);
  }

  /** Stops applying and following. The lease stays with its owner, who releases it. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.stepping;
    await this.consumer.unsubscribe();
    this.waiters.releaseAll();
  }

  /** One lease check, never two at once: a step may stop one subscription and start another. */
  private step(): Promise<void> {
    this.stepping ??= this.leadOrFollow()
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => (this.stepping = null));
    return this.stepping;
  }

  private async leadOrFollow(): Promise<void> {
    if (!this.running) return;
    if (this.consumer.subscribed()) {
      if (this.lease.isHeld() && !this.resubscribe) return;
      await this.consumer.unsubscribe();
    }
    // Following: the holder's progress is in the read store.
    await this.consumer.load();
    this.seen = Math.max(this.seen, this.position());
    this.waiters.moved();
    if (!(await this.lease.tryAcquire()) || !this.running) return;
    this.resubscribe = false;
    // Leading: from the slowest projection's stored checkpoint, read again now.
    await this.consumer.subscribe();
  }

  private async apply(events: StoredEvent[], { after, last }: DeliveredRange): Promise<void> {
    if (this.resubscribe) return;
    if (!this.lease.isHeld()) {
      // Lost the lease: apply nothing more; the step (not awaited: it waits for this batch) unsubscribes.
      void this.step();
      return;
    }
    for (;;) {
      const due = this.projections.filter((p) => last > this.consumer.checkpoint(p.name));
      if (due.length === 0) break;
      if (due.some((p) => this.consumer.checkpoint(p.name) < after)) {
        // A stored checkpoint went back behind this subscription (a reset): start over from it.
        this.resubscribe = true;
        // Not awaited: the step unsubscribes, which waits for this very batch to finish.
        void this.step();
        return;
      }
      // Every projection of the batch in one transaction with its checkpoint: one commit per
      // batch, not one per projection. The checkpoints move to the batch's end even if no
      // event concerned a projection. When another writer moved one, nothing was written:
      // go on from where they really are.
      const from = new Map(due.map((p) => [p.name, this.consumer.checkpoint(p.name)]));
      await this.consumer.advanceAll(
        due.map((p) => p.name),
        last,
        async (docs) => {
          for (const projection of due) {
            const after = from.get(projection.name)!;
            await applyEvents(
              projection,
              after < events[0].position ? events : events.filter((event) => event.position > after),
              docs,
            );
          }
        },
      );
    }
    this.seen = Math.max(this.seen, last);
    this.waiters.moved();
    this.options.appliedBatches?.applied({
      position: last,
      events: appliedEvents(events),
      readModels: Object.fromEntries(this.projections.map((p) => [p.name, this.consumer.checkpoint(p.name)])),
    });
  }
}
