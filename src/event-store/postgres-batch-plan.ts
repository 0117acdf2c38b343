import { type AppendOutcome, type AppendRequest, earlierAppend, type KnownEvent } from './append-batch';
import { assertExpectedRevision } from './event-store';

/**
 * Plans one PostgreSQL group commit in memory, from one read of the log taken under the
 * ordering lock: which rows the batch inserts, and what each append comes to. Each append is
 * checked against the log as the appends before it in the batch leave it (their revisions,
 * their event ids), so the batch behaves exactly as the same appends committed one by one, in
 * order; a failing append adds no row and fails alone.
 */

/** The log as the batch found it: only what its appends ask about. */
export interface StoredState {
  /** The last event of each of the batch's streams that exists. */
  heads: ReadonlyMap<string, { revision: number; position: number }>;
  /** Where each of the batch's event ids is already stored. */
  ids: ReadonlyMap<string, KnownEvent<number>>;
}

/** A position already in the log, or that of an event this batch inserts (known after the insert). */
export type PlannedPosition = number | { of: string };

export interface RowToInsert {
  /** 1.. in batch order; the row's position is the head plus this. */
  ord: number;
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

type PlannedOutcome =
  { ok: true; revision: number; position: PlannedPosition; wrote: boolean } | { ok: false; error: unknown };

export interface BatchPlan {
  rows: RowToInsert[];
  /** One per append, in batch order. */
  outcomes: PlannedOutcome[];
  /** The streams of the appends that write, in batch order (for the test seam before COMMIT). */
  writingStreams: string[];
}

export function planBatch(batch: readonly AppendRequest[], stored: StoredState): BatchPlan {
  const heads = new Map<string, { revision: number; position: PlannedPosition }>(stored.heads);
  const ids = new Map<string, KnownEvent<PlannedPosition>>(stored.ids);
  const rows: RowToInsert[] = [];
  const writingStreams: string[] = [];
  const outcomes = batch.map(({ streamId, events, expected }): PlannedOutcome => {
    try {
      const replay = earlierAppend(
        streamId,
        events,
        events.map((e) => ids.get(e.id)),
      );
      if (replay) return { ok: true, ...replay, wrote: false };
      const head = heads.get(streamId);
      const actual = head?.revision ?? -1;
      assertExpectedRevision(streamId, expected, actual);
      // An empty append only checks the expectation and reports where the stream stands.
      if (events.length === 0)
        return { ok: true, revision: actual, position: head?.position ?? 0, wrote: false };
      // Serialized before any row is kept, so data that cannot be JSON fails this append only.
      const own = events.map((event, i): RowToInsert => ({
        ord: 0,
        eventId: event.id,
        streamId,
        revision: actual + 1 + i,
        type: event.type,
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata),
      }));
      for (const row of own) {
        row.ord = rows.push(row);
        ids.set(row.eventId, { streamId, revision: row.revision, position: { of: row.eventId } });
      }
      const last = own[own.length - 1];
      heads.set(streamId, { revision: last.revision, position: { of: last.eventId } });
      writingStreams.push(streamId);
      return { ok: true, revision: last.revision, position: { of: last.eventId }, wrote: true };
    } catch (error) {
      return { ok: false, error };
    }
  });
  return { rows, outcomes, writingStreams };
}

/** Each append's outcome, once the insert has said where its rows went (event id → position). */
export function resolveOutcomes(plan: BatchPlan, inserted: ReadonlyMap<string, number>): AppendOutcome[] {
  return plan.outcomes.map((outcome): AppendOutcome => {
    if (!outcome.ok) return outcome;
    const { revision, position, wrote } = outcome;
    if (typeof position === 'number') return { ok: true, result: { revision, position }, wrote };
    const at = inserted.get(position.of);
    if (at === undefined) throw new Error(`group commit: the insert returned no position for ${position.of}`);
    return { ok: true, result: { revision, position: at }, wrote };
  });
}
