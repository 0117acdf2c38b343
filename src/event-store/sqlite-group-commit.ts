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
 * Group commit for a synchronous driver. better-sqlite3 blocks the event loop for a whole
 * transaction, fsync included, so nothing can arrive while one is in progress; what can be
 * shared is the commit of the appends that arrive within one turn of the event loop (the
 * writers woken by the last commit, the HTTP requests read in the same poll). The first append
 * of a turn schedules a flush with `setImmediate`, which runs after the turn's I/O callbacks
 * and microtasks, and that flush writes everything queued by then in one transaction.
 */
export class SqliteGroupCommit {
  private queue: PendingAppend[] = [];
  private scheduled: NodeJS.Immediate | null = null;

  constructor(
    /** Commits one batch; throws when its transaction fails as a whole. */
    private readonly write: (batch: AppendRequest[]) => AppendOutcome[],
    /** Called after a batch that wrote something committed. */
    private readonly onCommitted: () => void,
  ) {}

  /** Queues an append; resolves once its batch has committed (on disk, at synchronous = FULL). */
  append(request: AppendRequest): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ ...request, resolve, reject });
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Writes everything queued now, synchronously (also what `close` calls before closing). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
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
