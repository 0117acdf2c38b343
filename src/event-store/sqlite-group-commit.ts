import {
  type AppendOutcome,
  type AppendRequest,
  MAX_APPENDS_PER_BATCH,
  type PendingAppend,
  rejectAll,
  settle,
} from './append-batch';
import type { AppendResult } from './event-store';

/**
 * How long a flush waits for more appends while commands arrive concurrently (the last batch
 * held more than one append), like PostgreSQL's `commit_delay` with `commit_siblings`: each
 * commit's fsync blocks the event loop for milliseconds, so fewer, larger batches leave it more
 * time for the requests. A lone writer's append is flushed in the same turn, as before.
 */
const GATHER_MS = 1;

/**
 * Group commit for a synchronous driver. better-sqlite3 blocks the event loop for a whole
 * transaction, fsync included, so nothing can arrive while one is in progress; what can be
 * shared is the commit of the appends that arrive close together (the writers woken by the
 * last commit, the HTTP requests read in the same poll). The first append queued schedules a
 * flush, and that flush writes everything queued by then in one transaction: with
 * `setImmediate` (after the turn's I/O callbacks and microtasks) when the last batch held one
 * append, `GATHER_MS` later when it held more.
 */
export class SqliteGroupCommit {
  private queue: PendingAppend[] = [];
  private scheduled: { cancel(): void } | null = null;
  private lastBatchSize = 0;

  constructor(
    /** Commits one batch; throws when its transaction fails as a whole. */
    private readonly write: (batch: AppendRequest[]) => AppendOutcome[],
    /** Called after a batch that wrote something committed. */
    private readonly onCommitted: () => void,
    /**
     * Runs `flush` after the gathering wait; returns what cancels it. A timer of `GATHER_MS`;
     * a spec hands in its own, so what joins a batch does not depend on the machine's speed.
     */
    private readonly gather: (flush: () => void) => () => void = (flush) => {
      const timer = setTimeout(flush, GATHER_MS);
      return () => clearTimeout(timer);
    },
  ) {}

  /** Queues an append; resolves once its batch has committed (on disk, at synchronous = FULL). */
  append(request: AppendRequest): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ ...request, resolve, reject });
      this.scheduled ??= this.schedule();
    });
  }

  private schedule(): { cancel(): void } {
    if (this.lastBatchSize > 1) return { cancel: this.gather(() => this.flush()) };
    const immediate = setImmediate(() => this.flush());
    return { cancel: () => clearImmediate(immediate) };
  }

  /** Writes everything queued now, synchronously (also what `close` calls before closing). */
  flush(): void {
    this.scheduled?.cancel();
    this.scheduled = null;
    this.lastBatchSize = this.queue.length;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_APPENDS_PER_BATCH);
      let outcomes: AppendOutcome[];
      try {
        outcomes = this.write(batch);
      } catch (error) {
        rejectAll(batch, error);
        continue;
      }
      if (settle(batch, outcomes)) this.onCommitted();
    }
  }
}
