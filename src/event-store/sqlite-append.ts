import type Database from 'better-sqlite3';
import { type AppendOutcome, type AppendRequest, earlierAppend, type KnownEvent } from './append-batch';
import { type AppendResult, assertExpectedRevision } from './event-store';

interface StreamHead {
  revision: number;
  position: number;
}

interface StoredId {
  stream_id: string;
  revision: number;
  position: number;
}

/**
 * Writes batches of appends into the events table of one connection. Statements and
 * transaction functions are prepared once, here: preparing them per append cost more than
 * the append itself did.
 *
 * A batch is one `BEGIN IMMEDIATE` transaction, so one commit and one fsync. Each append of it
 * runs in a SAVEPOINT (better-sqlite3 turns a transaction function called inside another into
 * one) and checks its expected revision and its ids inside the transaction, so it sees the
 * appends before it in the same batch; when it fails, only its savepoint is rolled back and
 * the others commit.
 */
export class SqliteAppender {
  private readonly lastOfStream: Database.Statement<[string], StreamHead>;
  private readonly storedId: Database.Statement<[string], StoredId>;
  private readonly insert: Database.Statement<[string, string, number, string, string, string, string]>;
  private readonly appendAlone: Database.Transaction<(request: AppendRequest, at: string) => AppendOutcome>;
  private readonly appendBatch: Database.Transaction<(batch: AppendRequest[], at: string) => AppendOutcome[]>;

  constructor(private readonly db: Database.Database) {
    this.lastOfStream = db.prepare(
      'SELECT revision, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    );
    this.storedId = db.prepare('SELECT stream_id, revision, position FROM events WHERE event_id = ?');
    this.insert = db.prepare(
      `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const appendOne = (request: AppendRequest, at: string): AppendOutcome => this.appendOne(request, at);
    // Alone, an append needs no savepoint: its failure rolls the whole transaction back.
    this.appendAlone = db.transaction(appendOne);
    const inSavepoint = db.transaction(appendOne);
    this.appendBatch = db.transaction((batch: AppendRequest[], at: string) =>
      batch.map((request): AppendOutcome => {
        try {
          return inSavepoint(request, at);
        } catch (error) {
          // An error SQLite itself rolled the transaction back for (a full disk, an I/O error)
          // leaves no transaction to go on in: fail the batch, nothing of it is written.
          if (!this.db.inTransaction) throw error;
          return { ok: false, error };
        }
      }),
    );
  }

  /**
   * Commits `batch` in one transaction and returns each append's outcome, in order.
   * @throws when the transaction itself fails (the write lock not granted in time, the disk):
   * then none of the batch was written.
   */
  write(batch: AppendRequest[]): AppendOutcome[] {
    // Store time of the whole batch: it commits at once.
    const at = new Date().toISOString();
    if (batch.length > 1) return this.appendBatch.immediate(batch, at);
    try {
      return [this.appendAlone.immediate(batch[0], at)];
    } catch (error) {
      // Its own failure, BEGIN's or COMMIT's: the transaction is rolled back, nothing written.
      return [{ ok: false, error }];
    }
  }

  /** One append, inside the batch's transaction (and its own savepoint when batched). */
  private appendOne({ streamId, events, expected }: AppendRequest, recordedAt: string): AppendOutcome {
    const known = events.map((e): KnownEvent<number> | undefined => {
      const row = this.storedId.get(e.id);
      return row && { streamId: row.stream_id, revision: row.revision, position: row.position };
    });
    const replay = earlierAppend(streamId, events, known);
    if (replay) return { ok: true, result: replay, wrote: false };

    const last = this.lastOfStream.get(streamId);
    const actual = last?.revision ?? -1;
    assertExpectedRevision(streamId, expected, actual);
    // An empty append only checks the expectation and reports where the stream stands.
    if (events.length === 0)
      return { ok: true, result: { revision: actual, position: last?.position ?? 0 }, wrote: false };

    let position = 0;
    events.forEach((event, i) => {
      const info = this.insert.run(
        event.id,
        streamId,
        actual + 1 + i,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        recordedAt,
      );
      position = Number(info.lastInsertRowid);
    });
    const result: AppendResult = { revision: actual + events.length, position };
    return { ok: true, result, wrote: true };
  }
}
