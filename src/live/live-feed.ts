import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { IssueDistricts } from '../identity/access/issue-districts';
import type { AppliedBatch, AppliedBatches } from '../ports/applied-batches';
import { liveIssueEvents } from './live-issue-events';
import type { LiveReader } from './live-reader';

/**
 * The live feed of this process: the projector tells it each applied batch (the
 * `AppliedBatches` port), and it tells every open stream, in log order, once the issue events
 * are placed in their districts. Each stream then keeps what its reader may see. Batches are
 * published one after the other, never two at once, so each stream sees the log in order.
 */
@Injectable()
export class LiveFeed implements AppliedBatches, OnModuleDestroy {
  private readonly logger = new Logger('Live');
  private readonly readers = new Set<LiveReader>();
  /** Every batch up to here has been told to every stream open at the time. */
  private published = 0;
  private publishing: Promise<void> = Promise.resolve();
  private heartbeat: NodeJS.Timeout | null = null;
  private closing = false;

  constructor(
    private readonly districts: IssueDistricts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  applied(batch: AppliedBatch): void {
    if (this.closing) return;
    this.publishing = this.publishing
      .then(() => this.publish(batch))
      .catch((error: unknown) => {
        // A district that could not be read (the store away): end every stream rather than
        // skip an event; each reconnects and replays from its last id.
        this.logger.error(`live batch ${batch.position} not told: ${String(error)}`);
        for (const reader of [...this.readers]) reader.close();
      });
  }

  /**
   * Adds a stream; answers the position it starts after: what has been published, or what
   * the read models have applied (`projected`) if that is further. Whatever is published from
   * now on reaches it, so replaying the log up to the answer leaves no gap.
   */
  join(reader: LiveReader, projected: number): number {
    this.readers.add(reader);
    this.heartbeat ??= setInterval(() => this.beat(), this.config.liveHeartbeatMs);
    this.heartbeat.unref();
    return Math.max(this.published, projected);
  }

  leave(reader: LiveReader): void {
    this.readers.delete(reader);
    if (this.readers.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }

  /** False once the engine is stopping: no new stream is opened. */
  open(): boolean {
    return !this.closing;
  }

  /** The engine stops: every stream ends now, so the HTTP server can close at once. */
  onModuleDestroy(): void {
    this.closing = true;
    for (const reader of [...this.readers]) reader.close();
    this.readers.clear();
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private async publish(batch: AppliedBatch): Promise<void> {
    // Nobody listening: nothing to place. Otherwise the placing is the only wait, and the
    // telling and `published` move together after it, so a stream that joins in between
    // gets this batch too.
    const events = this.readers.size > 0 ? await liveIssueEvents(batch.events, this.districts) : [];
    for (const reader of this.readers) reader.deliver(events, batch.position);
    this.published = Math.max(this.published, batch.position);
  }

  private beat(): void {
    for (const reader of this.readers) void reader.heartbeat(this.published);
  }
}
