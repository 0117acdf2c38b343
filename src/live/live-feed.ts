import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import { IssueDistricts } from '../identity/access/issue-districts';
import type { AppliedBatch, AppliedBatches } from '../ports/applied-batches';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../ports/read-model-progress';
import { liveIssueEvents } from './live-issue-events';
import { readLiveEvents } from './live-log';
import type { LiveIssueEvent } from './live-message';
import type { LiveReader } from './live-reader';

/** How often a follower (another process applies the events) looks whether the read models moved. */
const FOLLOW_MS = 250;

/**
 * The live feed of this process: the projector tells it each applied batch (the
 * `AppliedBatches` port), and it tells every open stream, in log order, once the issue events
 * are placed in their districts; each stream keeps what its reader may see. Batches are
 * published one after the other, never two at once.
 *
 * In a process that follows another's projections (several engines on one read store), no
 * batch is applied here: the feed watches the read models' position instead and tells what
 * they reached from the log, so every engine's page is live.
 */
@Injectable()
export class LiveFeed implements AppliedBatches, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Live');
  /** The open streams, each with the position it joined at (it replays up to there itself). */
  private readonly readers = new Map<LiveReader, number>();
  /** Every batch up to here has been told to every stream open at the time. */
  private published = 0;
  private publishing: Promise<void> = Promise.resolve();
  private heartbeat: NodeJS.Timeout | null = null;
  private follower: NodeJS.Timeout | null = null;
  private following = false;
  private progress: ReadModelProgress | null = null;
  private closing = false;

  constructor(
    private readonly districts: IssueDistricts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** The read models' progress, looked up now: the runner that provides it is handed this feed. */
  onApplicationBootstrap(): void {
    this.progress = this.moduleRef.get<ReadModelProgress>(READ_MODEL_PROGRESS, { strict: false });
    this.follower = setInterval(() => this.follow(), FOLLOW_MS);
    this.follower.unref();
  }

  applied(batch: AppliedBatch): void {
    if (this.closing) return;
    this.enqueue(`batch ${batch.position}`, async () => {
      // Nobody listening: nothing to place. Otherwise the placing is the only wait, and the
      // telling and `published` move together after it, so a stream that joins in between
      // gets this batch too.
      const events = this.readers.size > 0 ? await liveIssueEvents(batch.events, this.districts) : [];
      this.tell(events, batch.position);
    });
  }

  /**
   * Adds a stream; answers the position it starts after: what has been published, or what
   * the read models have applied (`projected`) if that is further. Whatever is published from
   * now on reaches it, so replaying the log up to the answer leaves no gap.
   */
  join(reader: LiveReader, projected: number): number {
    const from = Math.max(this.published, projected);
    this.readers.set(reader, from);
    this.heartbeat ??= setInterval(() => this.beat(), this.config.liveHeartbeatMs);
    this.heartbeat.unref();
    return from;
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
    for (const reader of [...this.readers.keys()]) reader.close();
    this.readers.clear();
    for (const timer of [this.heartbeat, this.follower]) if (timer) clearInterval(timer);
    this.heartbeat = null;
    this.follower = null;
  }

  /** Tells every stream, then counts the batch as published (nothing waits in between). */
  private tell(events: LiveIssueEvent[], position: number): void {
    for (const reader of this.readers.keys()) reader.deliver(events, position);
    this.published = Math.max(this.published, position);
  }

  private enqueue(what: string, job: () => Promise<void>): void {
    this.publishing = this.publishing.then(job).catch((error: unknown) => {
      // A district or the log that could not be read (the store away): end every stream
      // rather than skip an event; each reconnects and replays from its last id.
      this.logger.error(`live ${what} not told: ${String(error)}`);
      for (const reader of [...this.readers.keys()]) reader.close();
    });
  }

  /** On a follower: tells what the read models reached since, read from the log. */
  private follow(): void {
    const progress = this.progress;
    if (!progress || this.closing || this.following || progress.leader()) return;
    const upTo = progress.position();
    if (upTo <= this.published) return;
    if (this.readers.size === 0) {
      // Nobody to tell; a stream that joins later replays from where the read models are.
      this.published = upTo;
      return;
    }
    this.following = true;
    this.enqueue(`log up to ${upTo}`, () => {
      // Each stream replays up to where it joined: the log is read from the earliest of those on.
      const from = Math.max(this.published, Math.min(upTo, ...this.readers.values()));
      return readLiveEvents(this.store, this.districts, from, upTo, (events, reached) => {
        this.tell(events, reached);
        return !this.closing;
      }).finally(() => (this.following = false));
    });
  }

  private beat(): void {
    for (const reader of this.readers.keys()) void reader.heartbeat(this.published);
  }
}
