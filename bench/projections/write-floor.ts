import Database from 'better-sqlite3';
import * as path from 'node:path';
import { msSince, tick } from '../stats';

/** Rows read from the rebuilt file at a time, so a million-event rebuild's documents never sit in memory whole. */
const CHUNK = 20_000;

export interface WriteFloor {
  /** Documents written, in every collection. */
  rows: number;
  megabytes: number;
  insertMs: number;
  indexMs: number;
}

interface TableDef {
  name: string;
  sql: string;
}

/**
 * The floor under any rebuild of these read models on SQLite: the very documents the rebuild
 * wrote, already serialised, inserted by a plain better-sqlite3 loop into the empty tables of
 * a fresh file (one transaction, one statement per table prepared once, the read store's
 * settings written out here), then the same indexes built. No engine code runs: no read of
 * the log, no fold, no cache, no JSON.stringify. A rebuild also has to read and parse the log,
 * so `events / (scan + insert + index)` bounds how fast it can ever be with these documents.
 * Only the inserts and the index builds are timed, not reading the rebuilt file.
 */
export function measureWriteFloor(rebuiltFile: string, dir: string): WriteFloor {
  const source = new Database(rebuiltFile, { readonly: true });
  const target = new Database(path.join(dir, 'write-floor.db'));
  try {
    // SqliteReadStore.open's settings.
    target.pragma('journal_mode = WAL');
    target.pragma('synchronous = NORMAL');
    target.pragma('cache_size = -65536');
    target.pragma('wal_autocheckpoint = 16384');
    target.pragma('temp_store = MEMORY');
    const tables = source
      .prepare<[], TableDef>(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'checkpoints'",
      )
      .all();
    const indexes = source
      .prepare<[], string>("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
      .pluck()
      .all();
    for (const table of tables) target.exec(table.sql);

    let rows = 0;
    let bytes = 0;
    let insertMs = 0;
    target.exec('BEGIN');
    for (const table of tables) {
      const quoted = `"${table.name.replace(/"/g, '""')}"`;
      const page = source
        .prepare<[number], [number, string, string]>(
          `SELECT rowid, id, doc FROM ${quoted} WHERE rowid > ? ORDER BY rowid LIMIT ${CHUNK}`,
        )
        .raw();
      const insert = target.prepare<[string, string]>(`INSERT INTO ${quoted} (id, doc) VALUES (?, ?)`);
      let after = 0;
      for (;;) {
        const chunk = page.all(after);
        if (chunk.length === 0) break;
        const started = tick();
        for (const [, id, doc] of chunk) insert.run(id, doc);
        insertMs += msSince(started);
        for (const [, , doc] of chunk) bytes += Buffer.byteLength(doc);
        rows += chunk.length;
        after = chunk[chunk.length - 1][0];
      }
    }
    const committing = tick();
    target.exec('COMMIT');
    insertMs += msSince(committing);

    const indexing = tick();
    for (const sql of indexes) target.exec(sql);
    const indexMs = msSince(indexing);
    return {
      rows,
      megabytes: Math.round(bytes / 1e5) / 10,
      insertMs: Math.round(insertMs),
      indexMs: Math.round(indexMs),
    };
  } finally {
    target.close();
    source.close();
  }
}
