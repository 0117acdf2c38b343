import type { AppendResult, ExpectedRevision, NewEvent } from './event-store';

/**
 * Group commit, shared by the SQLite and PostgreSQL adapters: appends that arrive together are
 * written in one transaction with one fsync, and each still gets its own revision check, its
 * own idempotent replay and its own error. These are the pieces both adapters use.
 */

/** One caller's append, as the store received it. */
export interface AppendRequest {
  streamId: string;
  events: NewEvent[];
  expected: ExpectedRevision;
}

/** What one append of a batch came to; one append's error never fails the others. */
export type AppendOutcome =
  { ok: true; result: AppendResult; wrote: boolean } | { ok: false; error: unknown };

/** An append waiting in a group-commit queue for its batch to commit. */
export interface PendingAppend extends AppendRequest {
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** A group commit never holds more appends than this in one transaction; the rest go in the next. */
export const MAX_APPENDS_PER_BATCH = 1000;

/** Hands each waiting append its outcome; returns whether the batch wrote anything. */
export function settle(batch: readonly PendingAppend[], outcomes: readonly AppendOutcome[]): boolean {
  let wrote = false;
  batch.forEach((pending, i) => {
    const outcome = outcomes[i];
    if (outcome.ok) {
      wrote ||= outcome.wrote;
      pending.resolve(outcome.result);
    } else pending.reject(outcome.error);
  });
  return wrote;
}

/** Fails every append of a batch whose transaction did not commit (nothing of it was written). */
export function rejectAll(batch: readonly PendingAppend[], error: unknown): void {
  for (const pending of batch) pending.reject(error);
}

/** Where an event id is already stored (or written earlier in the same batch). */
export interface KnownEvent<Position> {
  streamId: string;
  revision: number;
  position: Position;
}

/**
 * The idempotence rule of the port. `known[i]` is where `events[i]`'s id is stored, if it is.
 * A retry of an append that already committed (same ids, same stream, same order) returns the
 * first result, whatever it expects now: the last event's revision and position. No id known:
 * null, append normally. Ids that match only in part, or twice in one append, are a caller bug.
 * @throws Error for those.
 */
export function earlierAppend<Position>(
  streamId: string,
  events: readonly NewEvent[],
  known: ReadonlyArray<KnownEvent<Position> | undefined>,
): { revision: number; position: Position } | null {
  if (events.length === 0) return null;
  if (new Set(events.map((e) => e.id)).size !== events.length) {
    throw new Error(`append to ${streamId}: the same event id appears twice in one append`);
  }
  if (known.every((row) => row === undefined)) return null;
  const first = known[0];
  const consecutive = known.every(
    (row, i) => row !== undefined && row.streamId === streamId && row.revision === first!.revision + i,
  );
  if (!consecutive) {
    const ids = events.filter((_, i) => known[i] !== undefined).map((e) => e.id);
    throw new Error(
      `append to ${streamId}: event ids ${ids.join(', ')} are already stored, but not as ` +
        `this exact sequence in this stream; a retry must resend the same events`,
    );
  }
  const last = known[known.length - 1]!;
  return { revision: last.revision, position: last.position };
}
