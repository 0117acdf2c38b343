import type { Pool, PoolClient } from 'pg';
import {
  type AppendOutcome,
  type AppendRequest,
  MAX_APPENDS_PER_BATCH,
  type PendingAppend,
  rejectAll,
  settle,
} from './append-batch';
import type { AppendResult } from './event-store';
import {
  type AppendContext,
  beginAppend,
  commitAlone,
  commitBatch,
  isUniqueViolation,
} from './postgres-append';

/**
 * Group commit on PostgreSQL: one flusher at a time writes everything queued as one
 * transaction, one multi-row insert and one fsync, under the ordering lock. Appends to a log
 * commit one transaction at a time anyway (the lock keeps positions gap-free), so the way to
 * more appends per second is more appends per commit.
 *
 * A flush takes its batch only once it holds the lock and the flush before it has handed out
 * its results: whatever was queued while the earlier one committed (its writers' next appends
 * among them) goes in. The next flush starts as soon as something is queued behind a flush
 * that took its batch, and waits for the lock meanwhile, so the lock passes from one commit to
 * the next inside PostgreSQL, without a round trip in between; at most two connections append.
 *
 * The naive design (no lock) keeps one transaction per flush, flushes running side by side,
 * as BIGSERIAL appends would; it exists only to show its gap problem in a test.
 */
export class PostgresGroupCommit {
  private queue: PendingAppend[] = [];
  /** A flush has started and not yet taken its batch: appends queued now go in it. */
  private collecting = false;
  /** Settles when the flush that started last has handed out its results (never rejects). */
  private lastFlush: Promise<void> = Promise.resolve();
  private readonly flushing = new Set<Promise<void>>();

  constructor(
    private readonly pool: Pool,
    private readonly ctx: AppendContext,
    /** Called after a batch that wrote something committed. */
    private readonly onCommitted: () => void,
  ) {}

  /** Queues an append; resolves once its batch has committed, rejects with its own error only. */
  append(request: AppendRequest): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ ...request, resolve, reject });
      if (!this.collecting) this.startFlush();
    });
  }

  /** Resolves once every queued append has been written or refused. */
  async drain(): Promise<void> {
    while (this.flushing.size > 0) await Promise.all(this.flushing);
  }

  private startFlush(): void {
    this.collecting = true;
    const flush = this.flush(this.lastFlush);
    this.lastFlush = flush;
    this.flushing.add(flush);
    // flush() settles every append it takes and never rejects; this only forgets it.
    void flush.finally(() => this.flushing.delete(flush));
  }

  private takeBatch(): PendingAppend[] {
    const batch = this.queue.splice(0, MAX_APPENDS_PER_BATCH);
    this.collecting = false;
    if (this.queue.length > 0) this.startFlush();
    return batch;
  }

  private async flush(previous: Promise<void>): Promise<void> {
    let batch: PendingAppend[] | null = null;
    let client: PoolClient | null = null;
    try {
      client = await this.pool.connect();
      await beginAppend(client, this.ctx);
      if (this.ctx.ordering === 'commit-order') {
        // Holding the lock, so the flush before has committed; once its writers have had a
        // turn of the event loop to queue their next appends, they go in this batch too.
        await previous;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      batch = this.takeBatch();
      const outcomes = await this.commit(client, batch);
      if (settle(batch, outcomes)) this.onCommitted();
    } catch (error) {
      if (client) await client.query('ROLLBACK').catch(() => undefined);
      rejectAll(batch ?? this.takeBatch(), error);
    } finally {
      // The pool itself drops a client whose connection broke (it is no longer queryable).
      client?.release();
    }
  }

  private async commit(client: PoolClient, batch: AppendRequest[]): Promise<AppendOutcome[]> {
    try {
      return await commitBatch(client, this.ctx, batch);
    } catch (error) {
      // Under the lock every check ran against a log nobody else could change, so a unique
      // violation can only come from the naive design, where one append of the batch lost a
      // race the lock would have prevented: each then commits alone, to fail alone.
      if (this.ctx.ordering !== 'naive' || !isUniqueViolation(error)) throw error;
      await client.query('ROLLBACK');
      const outcomes: AppendOutcome[] = [];
      for (const request of batch) outcomes.push(await commitAlone(client, this.ctx, request));
      return outcomes;
    }
  }
}
