import Database from 'better-sqlite3';
import { encodeCursor, pageLimit } from '../ports/page-cursor';
import { closedBatches, openBatches } from './batch-range';
import { countEachSql } from './count-each-sql';
import {
  CheckpointMovedError,
  indexFields,
  indexName,
  indexPrefix,
  type IndexSpec,
  type BatchRange,
  type CollectionSpec,
  type Doc,
  type DocumentWriter,
  type Filter,
  type FindQuery,
  type OpenRange,
  type Page,
  type ProjectionRange,
  type ReadStore,
  type ScanQuery,
  scanPageSize,
} from '../ports/read-store';
import {
  fieldExpr,
  findStatements,
  literalWhereSql,
  table,
  whereSql,
  type Row,
  type SqlValue,
} from './sqlite-read-store-sql';
import { limitSql } from '../sqlite/limit-literal';

type CollectionStatements = { get: Database.Statement; put: Database.Statement; delete: Database.Statement };

/**
 * The read store on one SQLite file (WAL). Two connections: the writer is used only inside
 * `applyBatch`/`reset`, which run one at a time; the reader serves queries, and because each
 * batch is one transaction on the other connection, queries never see half a batch.
 */
export class SqliteReadStore implements ReadStore {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly writerStatements = new Map<string, Database.Statement>();
  private readonly collectionWriters = new Map<string, CollectionStatements>();
  private writing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly writer: Database.Database,
    private readonly reader: Database.Database,
  ) {}

  static open(filePath: string): SqliteReadStore {
    const writer = new Database(filePath);
    // The busy timeout first: switching to WAL needs a lock another process may hold.
    writer.pragma('busy_timeout = 5000');
    writer.pragma('journal_mode = WAL');
    // A read model can be rebuilt from the log, so NORMAL (no fsync per commit) is enough.
    writer.pragma('synchronous = NORMAL');
    // A batch rewrites many pages of the large collections (audit, issues): with SQLite's
    // default 2 MB page cache they were spilled and read back within one transaction, and a
    // checkpoint every 1000 WAL pages fsynced the file several times per batch.
    writer.pragma('cache_size = -65536');
    writer.pragma('wal_autocheckpoint = 16384');
    writer.pragma('temp_store = MEMORY');
    writer.exec(
      'CREATE TABLE IF NOT EXISTS checkpoints (projection TEXT PRIMARY KEY, position INTEGER NOT NULL)',
    );
    const reader = new Database(filePath);
    reader.pragma('busy_timeout = 5000');
    return new SqliteReadStore(writer, reader);
  }

  async ensureCollections(specs: CollectionSpec[]): Promise<void> {
    await this.exclusively(() => {
      for (const spec of specs) {
        this.writer.exec(
          `CREATE TABLE IF NOT EXISTS ${table(spec.name)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL)`,
        );
        if (spec.indexes === undefined) continue;
        const declared = new Set(spec.indexes.map((index) => indexName(spec.name, index)));
        for (const stale of this.indexesOf(spec.name))
          if (!declared.has(stale)) this.writer.exec(`DROP INDEX "${stale}"`);
        for (const index of spec.indexes) {
          const { fields, where } = indexFields(index);
          this.writer.exec(
            `CREATE INDEX IF NOT EXISTS ${quotedIndexName(spec.name, index)} ON ${table(spec.name)} (${[...fields.map(fieldExpr), 'id'].join(', ')})` +
              (where.length ? ` WHERE ${literalWhereSql(where)}` : ''),
          );
        }
      }
    });
  }

  /** The names of the collection's own indexes (`ix_<collection>_…`; not its primary key's). */
  private indexesOf(collection: string): string[] {
    const prefix = indexPrefix(collection);
    return this.writer
      .prepare<[string, number, string], string>(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND substr(name, 1, ?) = ?",
      )
      .pluck()
      .all(collection, prefix.length, prefix);
  }

  async dropIndexes(specs: CollectionSpec[]): Promise<void> {
    await this.exclusively(() => {
      for (const spec of specs)
        for (const field of spec.indexes ?? [])
          this.writer.exec(`DROP INDEX IF EXISTS ${quotedIndexName(spec.name, field)}`);
    });
  }

  async applyBatch(
    projection: string,
    range: BatchRange,
    fn: (writer: DocumentWriter) => Promise<void>,
  ): Promise<void> {
    await this.applyBatches([{ projection, ...range }], fn);
  }

  async applyBatches(
    ranges: ProjectionRange[],
    fn: (writer: DocumentWriter) => Promise<void>,
  ): Promise<void> {
    await closedBatches((r, f) => this.transact(r, f), ranges, fn);
  }

  async applyOpenBatches(
    ranges: OpenRange[],
    fn: (writer: DocumentWriter) => Promise<number>,
  ): Promise<void> {
    await openBatches((r, f) => this.transact(r, f), ranges, fn);
  }

  /** One write transaction: the checkpoints' compare-and-set, `fn`'s documents, the new checkpoints. */
  private async transact(
    ranges: OpenRange[],
    fn: (writer: DocumentWriter) => Promise<number[]>,
  ): Promise<void> {
    await this.exclusively(async () => {
      const db = this.writer;
      const w = (sql: string) => cached(this.writerStatements, db, sql);
      // IMMEDIATE takes the write lock now, so no other process can move the checkpoints
      // between this read and the commit: the compare-and-set needs nothing more.
      db.exec('BEGIN IMMEDIATE');
      try {
        for (const range of ranges) {
          const stored = w('SELECT position FROM checkpoints WHERE projection = ?').get(range.projection) as
            { position: number } | undefined;
          const actual = stored?.position ?? 0;
          if (actual !== range.from) throw new CheckpointMovedError(range.projection, range.from, actual);
        }
        const to = await fn({
          get: async <T extends Doc>(collection: string, id: string) =>
            parse<T>(this.collectionStatements(collection).get.get(id)),
          put: async (collection, id, doc) => {
            this.collectionStatements(collection).put.run(id, JSON.stringify(doc));
          },
          delete: async (collection, id) => {
            this.collectionStatements(collection).delete.run(id);
          },
        });
        const save = w(
          'INSERT INTO checkpoints (projection, position) VALUES (?, ?) ON CONFLICT(projection) DO UPDATE SET position = excluded.position',
        );
        ranges.forEach((range, i) => save.run(range.projection, to[i]));
        db.exec('COMMIT');
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  /**
   * The writer's three statements on one collection, prepared once: building and looking up
   * the SQL text for every document written cost as much as writing it.
   */
  private collectionStatements(collection: string): CollectionStatements {
    let statements = this.collectionWriters.get(collection);
    if (!statements) {
      const t = table(collection);
      statements = {
        get: this.writer.prepare(`SELECT doc FROM ${t} WHERE id = ?`),
        put: this.writer.prepare(
          `INSERT INTO ${t} (id, doc) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc`,
        ),
        delete: this.writer.prepare(`DELETE FROM ${t} WHERE id = ?`),
      };
      this.collectionWriters.set(collection, statements);
    }
    return statements;
  }

  async checkpoint(projection: string): Promise<number> {
    const row = this.read('SELECT position FROM checkpoints WHERE projection = ?')?.get(projection) as
      { position: number } | undefined;
    return row?.position ?? 0;
  }

  async checkpoints(): Promise<Record<string, number>> {
    const rows = (this.read('SELECT projection, position FROM checkpoints')?.all() ?? []) as Array<{
      projection: string;
      position: number;
    }>;
    return Object.fromEntries(rows.map((r) => [r.projection, r.position]));
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    return parse<T>(this.read(`SELECT doc FROM ${table(collection)} WHERE id = ?`)?.get(id));
  }

  async find<T extends Doc>(collection: string, query: FindQuery): Promise<Page<T>> {
    const limit = pageLimit(query.limit);
    const { keys, statements } = findStatements(collection, query, limit);
    const rows: Row[] = [];
    // Each statement reads on from where the one before it stopped, while the page is short.
    for (const { sql, params } of statements) {
      if (rows.length > limit) break;
      rows.push(...((this.read(sql)?.all(...params) ?? []) as Row[]));
    }
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor([...keys.slice(0, -1).map((_, i) => last[`k${i}`] as SqlValue), last.id])
        : null;
    return { items: page.map((r) => JSON.parse(r.doc) as T), nextCursor };
  }

  /**
   * Keyset pages on the rowid: each page is a range of the table (or, for an equality on an
   * indexed field, of that index, whose entries for one value are in rowid order), read in
   * storage order, where pages by id read the table in the random order of the ids. A document
   * keeps its rowid when rewritten (an upsert updates in place), so none is yielded twice.
   */
  async *scan<T extends Doc>(collection: string, query: ScanQuery = {}): AsyncGenerator<T[]> {
    const size = scanPageSize(query.pageSize);
    const params: SqlValue[] = [];
    const conditions = whereSql(query.where, params).map((c) => ` AND ${c}`);
    const statement = this.read(
      `SELECT rowid AS r, doc FROM ${table(collection)} WHERE rowid > ?${conditions.join('')} ORDER BY rowid ${limitSql(size)}`,
    );
    if (!statement) return;
    // Rowids SQLite assigns itself start at 1.
    let after = 0;
    for (;;) {
      const rows = statement.all(after, ...params) as Array<{ r: number; doc: string }>;
      if (rows.length > 0) yield rows.map((row) => JSON.parse(row.doc) as T);
      if (rows.length < size) return;
      after = rows[rows.length - 1].r;
    }
  }

  async count(collection: string, where?: Filter[]): Promise<number> {
    const params: SqlValue[] = [];
    const conditions = whereSql(where, params);
    const sql =
      `SELECT COUNT(*) AS n FROM ${table(collection)}` +
      (conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '');
    const row = this.read(sql)?.get(...params) as { n: number } | undefined;
    return row?.n ?? 0;
  }

  async countEach(collection: string, where: Filter[], each: Filter[][]): Promise<number[]> {
    if (each.length === 0) return [];
    const { sql, params } = countEachSql<SqlValue>(table(collection), where, each, whereSql);
    const row = this.read(sql)?.get(...params) as Record<string, number> | undefined;
    return each.map((_, i) => row?.[`n${i}`] ?? 0);
  }

  async reset(projection: string, collections: string[]): Promise<void> {
    await this.exclusively(() => {
      this.writer.transaction(() => {
        for (const name of collections) {
          const exists = this.writer
            .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
            .get(name);
          if (exists) this.writer.exec(`DELETE FROM ${table(name)}`);
        }
        this.writer.prepare('DELETE FROM checkpoints WHERE projection = ?').run(projection);
      })();
    });
  }

  /**
   * Takes the documents and checkpoints of `projections` from another SQLite read store's file
   * (a rebuild's scratch store, closed), in one transaction: each of their collections here is
   * emptied and filled with the other's rows as they are stored, with no JSON parsed or
   * written again. Their indexes are the caller's to drop before and build after.
   * @throws CheckpointMovedError when a projection's checkpoint here is no longer 0 (something
   *   else applied events meanwhile); nothing is taken.
   */
  async adoptRebuilt(
    file: string,
    projections: Array<{ name: string; collections: string[] }>,
  ): Promise<void> {
    await this.exclusively(() => {
      this.writer.prepare('ATTACH DATABASE ? AS rebuilt').run(file);
      try {
        this.writer.transaction(() => {
          const checkpoint = this.writer.prepare<[string], { position: number }>(
            'SELECT position FROM rebuilt.checkpoints WHERE projection = ?',
          );
          const here = this.writer.prepare<[string], { position: number }>(
            'SELECT position FROM main.checkpoints WHERE projection = ?',
          );
          const save = this.writer.prepare(
            'INSERT INTO main.checkpoints (projection, position) VALUES (?, ?) ON CONFLICT(projection) DO UPDATE SET position = excluded.position',
          );
          const rebuiltHas = this.writer.prepare(
            "SELECT 1 FROM rebuilt.sqlite_master WHERE type = 'table' AND name = ?",
          );
          for (const projection of projections) {
            const actual = here.get(projection.name)?.position ?? 0;
            if (actual !== 0) throw new CheckpointMovedError(projection.name, 0, actual);
            for (const collection of projection.collections) {
              const name = table(collection);
              this.writer.exec(
                `CREATE TABLE IF NOT EXISTS main.${name} (id TEXT PRIMARY KEY, doc TEXT NOT NULL)`,
              );
              this.writer.exec(`DELETE FROM main.${name}`);
              if (rebuiltHas.get(collection))
                this.writer.exec(`INSERT INTO main.${name} (id, doc) SELECT id, doc FROM rebuilt.${name}`);
            }
            const position = checkpoint.get(projection.name)?.position;
            if (position !== undefined) save.run(projection.name, position);
          }
        })();
      } finally {
        this.writer.exec('DETACH DATABASE rebuilt');
      }
    });
  }

  async close(): Promise<void> {
    await this.writing.catch(() => undefined);
    this.reader.close();
    this.writer.close();
  }

  /** Writer work runs one job at a time: a transaction spans awaits, so it must not interleave. */
  private exclusively<R>(job: () => R | Promise<R>): Promise<R> {
    const run = this.writing.catch(() => undefined).then(job);
    this.writing = run;
    return run;
  }

  /** A cached reader statement; undefined when the collection does not exist yet (reads as empty). */
  private read(sql: string): Database.Statement | undefined {
    try {
      return cached(this.statements, this.reader, sql);
    } catch (error) {
      // Not `instanceof Error`: SqliteError may come from another realm (e.g. under jest).
      if (/no such table/.test(String((error as { message?: unknown })?.message))) return undefined;
      throw error;
    }
  }
}

function cached(
  cache: Map<string, Database.Statement>,
  db: Database.Database,
  sql: string,
): Database.Statement {
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

const quotedIndexName = (collection: string, index: IndexSpec): string => `"${indexName(collection, index)}"`;

function parse<T>(row: unknown): T | null {
  return row ? (JSON.parse((row as { doc: string }).doc) as T) : null;
}
