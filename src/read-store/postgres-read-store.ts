import { Pool, type PoolClient } from 'pg';
import { readStoreConnectError } from './postgres-connect-error';
import { inTransaction, runDdl } from './postgres-transaction';
import {
  statisticsFields,
  statisticsName,
  statisticsPrefix,
  statisticsStatements,
} from './postgres-expression-statistics';
import {
  afterCursorSql,
  fieldExpr,
  ident,
  literalWhereSql,
  orderSql,
  whereSql,
  type SortKey,
} from './postgres-read-store-sql';
import { decodeCursor, encodeCursor, pageLimit, type KeyValue } from '../ports/page-cursor';
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

export interface PostgresReadStoreOptions {
  /** e.g. `postgres://user@host:5432/db`. */
  connectionString: string;
  /** Schema holding the collections and checkpoints; created if missing. @defaultValue 'public' */
  schema?: string;
  /** Connections in the pool (queries plus one per batch in flight). @defaultValue 10 */
  poolSize?: number;
}

/** Documents per multi-row write of a batch. */
const WRITE_CHUNK = 1000;

/** Held writes that make a transaction send them before its end. */
const HELD_LIMIT = 20 * WRITE_CHUNK;

/** Postgres "undefined_table": a collection not created yet reads as empty. */
const UNDEFINED_TABLE = '42P01';

/**
 * The read store in PostgreSQL: one table per collection (`id`, `doc jsonb`) with expression
 * indexes on the declared fields, and a checkpoints table. Several engine processes may share
 * one schema: each batch locks its projection's checkpoint row (`FOR UPDATE`) and writes only
 * if it still holds the expected value, so a batch is never applied twice nor skipped.
 */
export class PostgresReadStore implements ReadStore {
  private constructor(
    private readonly pool: Pool,
    /** The schema name as given (for the DDL lock) and quoted (for SQL). */
    private readonly schemaName: string,
    private readonly schema: string,
  ) {}

  static async connect(options: PostgresReadStoreOptions): Promise<PostgresReadStore> {
    const schemaName = options.schema ?? 'public';
    const schema = ident(schemaName);
    const pool = new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 });
    // An idle connection dropped by the server must not crash the process: the next query
    // gets a fresh connection, and a failed batch is retried by the projector.
    pool.on('error', () => undefined);
    // So must one that loses it while checked out between two queries: the query in flight,
    // or the next one, fails and the caller retries; the event itself has no one to tell.
    pool.on('connect', (client) => client.on('error', () => undefined));
    const store = new PostgresReadStore(pool, schemaName, schema);
    try {
      await runDdl(pool, schemaName, [
        `CREATE SCHEMA IF NOT EXISTS ${schema}`,
        `CREATE TABLE IF NOT EXISTS ${schema}.checkpoints (projection TEXT PRIMARY KEY, position BIGINT NOT NULL)`,
      ]);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw readStoreConnectError(options.connectionString, error);
    }
    return store;
  }

  async ensureCollections(specs: CollectionSpec[]): Promise<void> {
    const declaring = specs.filter((s) => s.indexes !== undefined).map((s) => s.name);
    const existing = await this.indexesOf(declaring);
    const statistics = await this.statisticsOf(declaring);
    const statements = specs.flatMap((spec) => {
      const t = this.table(spec.name);
      const declared = new Set((spec.indexes ?? []).map((index) => this.indexName(spec.name, index)));
      const stale = spec.indexes === undefined ? [] : (existing.get(spec.name) ?? []).map(ident);
      return [
        // COLLATE "C": ids order by bytes, as in SQLite, whatever the database's collation.
        `CREATE TABLE IF NOT EXISTS ${t} (id TEXT COLLATE "C" PRIMARY KEY, doc JSONB NOT NULL)`,
        ...stale
          .filter((index) => !declared.has(index))
          .map((index) => `DROP INDEX IF EXISTS ${this.schema}.${index}`),
        ...(spec.indexes ?? []).map((declared) => {
          const { fields, where } = indexFields(declared);
          const index = this.indexName(spec.name, declared);
          // NULLS FIRST serves both orders find() uses: ASC NULLS FIRST and, read backwards, DESC NULLS LAST.
          const columns = [...fields.map((field) => `(${fieldExpr(field)}) NULLS FIRST`), 'id'].join(', ');
          const partial = where.length ? ` WHERE ${literalWhereSql(where)}` : '';
          return `CREATE INDEX IF NOT EXISTS ${index} ON ${t} (${columns})${partial}`;
        }),
        ...statisticsStatements(this.schema, t, spec, statistics.get(spec.name) ?? []),
      ];
    });
    await runDdl(this.pool, this.schemaName, statements);
  }

  /** The collections' expression statistics (`st_<collection>_…`), by collection. */
  private statisticsOf(collections: string[]): Promise<Map<string, string[]>> {
    return this.ownObjects(
      `SELECT c.relname AS collection, s.stxname AS name FROM pg_statistic_ext s
         JOIN pg_class c ON c.oid = s.stxrelid JOIN pg_namespace n ON n.oid = s.stxnamespace
       WHERE n.nspname = $1 AND c.relname = ANY($2)`,
      collections,
      statisticsPrefix,
    );
  }

  /** The collections' own indexes (`ix_<collection>_…`; not their primary keys'), by collection. */
  private indexesOf(collections: string[]): Promise<Map<string, string[]>> {
    return this.ownObjects(
      'SELECT tablename AS collection, indexname AS name FROM pg_indexes WHERE schemaname = $1 AND tablename = ANY($2)',
      collections,
      indexPrefix,
    );
  }

  /** The names a catalog query (given the schema and the collections) finds under each collection's prefix. */
  private async ownObjects(
    sql: string,
    collections: string[],
    prefix: (collection: string) => string,
  ): Promise<Map<string, string[]>> {
    const byCollection = new Map<string, string[]>();
    if (collections.length === 0) return byCollection;
    const { rows } = await this.pool.query<{ collection: string; name: string }>(sql, [
      this.schemaName,
      collections,
    ]);
    for (const { collection, name } of rows)
      if (name.startsWith(prefix(collection)))
        byCollection.set(collection, [...(byCollection.get(collection) ?? []), name]);
    return byCollection;
  }

  async dropIndexes(specs: CollectionSpec[]): Promise<void> {
    const statements = specs.flatMap((spec) => [
      ...(spec.indexes ?? []).map(
        (field) => `DROP INDEX IF EXISTS ${this.schema}.${this.indexName(spec.name, field)}`,
      ),
      // Dropped with them, so that building them again after a bulk load analyses what was loaded.
      ...statisticsFields(spec).map(
        (field) => `DROP STATISTICS IF EXISTS ${this.schema}.${ident(statisticsName(spec.name, field))}`,
      ),
    ]);
    await runDdl(this.pool, this.schemaName, statements);
  }

  private indexName(collection: string, index: IndexSpec): string {
    return ident(indexName(collection, index));
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

  /** One transaction: the checkpoints' compare-and-set, `fn`'s documents, the new checkpoints. */
  private async transact(
    ranges: OpenRange[],
    fn: (writer: DocumentWriter) => Promise<number[]>,
  ): Promise<void> {
    const cp = `${this.schema}.checkpoints`;
    const names = ranges.map((r) => r.projection);
    await inTransaction(this.pool, async (client) => {
      // The rows must exist to be locked: two first batches would otherwise both see "none".
      // A concurrent insert of the same key waits here for the other transaction to finish.
      await client.query(
        `INSERT INTO ${cp} (projection, position) SELECT unnest($1::text[]), 0 ON CONFLICT (projection) DO NOTHING`,
        [names],
      );
      // Locked in name order, so two writers of overlapping sets cannot deadlock.
      const { rows } = await client.query<{ projection: string; position: string }>(
        `SELECT projection, position FROM ${cp} WHERE projection = ANY($1::text[]) ORDER BY projection FOR UPDATE`,
        [names],
      );
      const stored = new Map(rows.map((r) => [r.projection, Number(r.position)]));
      for (const range of ranges) {
        const actual = stored.get(range.projection) ?? 0;
        if (actual !== range.from) throw new CheckpointMovedError(range.projection, range.from, actual);
      }
      // Writes are held and sent as one multi-row statement per collection: a catch-up batch
      // writes thousands of documents, and a round trip each cost more than the work. Reads
      // see the held writes first. A long transaction (a rebuild) sends them whenever
      // HELD_LIMIT are waiting, so what it holds stays bounded; its reads then find them in
      // the table, inside the same transaction.
      const held = new Map<string, { collection: string; id: string; doc: Doc | null }>();
      const key = (collection: string, id: string) => `${collection}\u0000${id}`;
      const to = await fn({
        get: async <T extends Doc>(collection: string, id: string): Promise<T | null> => {
          const pending = held.get(key(collection, id));
          if (pending) return pending.doc as T | null;
          const r = await client.query<{ doc: T }>(
            `SELECT doc FROM ${this.table(collection)} WHERE id = $1`,
            [id],
          );
          return r.rows[0]?.doc ?? null;
        },
        put: async (collection, id, doc) => {
          held.set(key(collection, id), { collection, id, doc });
          if (held.size >= HELD_LIMIT) await this.writeHeld(client, held);
        },
        delete: async (collection, id) => {
          held.set(key(collection, id), { collection, id, doc: null });
          if (held.size >= HELD_LIMIT) await this.writeHeld(client, held);
        },
      });
      await this.writeHeld(client, held);
      await client.query(
        `UPDATE ${cp} AS c SET position = v.position FROM unnest($1::text[], $2::bigint[]) AS v(projection, position) WHERE c.projection = v.projection`,
        [names, to],
      );
    });
  }

  /** Sends the held upserts and deletes, a statement per collection and kind, in chunks, and forgets them. */
  private async writeHeld(
    client: PoolClient,
    held: Map<string, { collection: string; id: string; doc: Doc | null }>,
  ): Promise<void> {
    const writes = [...held.values()];
    held.clear();
    const byCollection = new Map<string, typeof writes>();
    for (const write of writes) {
      const list = byCollection.get(write.collection) ?? [];
      list.push(write);
      byCollection.set(write.collection, list);
    }
    for (const [collection, list] of byCollection) {
      const t = this.table(collection);
      const deleted = list.filter((w) => w.doc === null).map((w) => w.id);
      const kept = list.filter((w) => w.doc !== null);
      for (let i = 0; i < deleted.length; i += WRITE_CHUNK)
        await client.query(`DELETE FROM ${t} WHERE id = ANY($1::text[])`, [
          deleted.slice(i, i + WRITE_CHUNK),
        ]);
      for (let i = 0; i < kept.length; i += WRITE_CHUNK) {
        const chunk = kept.slice(i, i + WRITE_CHUNK);
        await client.query(
          `INSERT INTO ${t} (id, doc) SELECT * FROM unnest($1::text[], $2::text[]::jsonb[]) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`,
          [chunk.map((w) => w.id), chunk.map((w) => JSON.stringify(w.doc))],
        );
      }
    }
  }

  async checkpoint(projection: string): Promise<number> {
    const { rows } = await this.pool.query<{ position: string }>(
      `SELECT position FROM ${this.schema}.checkpoints WHERE projection = $1`,
      [projection],
    );
    return rows.length ? Number(rows[0].position) : 0;
  }

  async checkpoints(): Promise<Record<string, number>> {
    const { rows } = await this.pool.query<{ projection: string; position: string }>(
      `SELECT projection, position FROM ${this.schema}.checkpoints`,
    );
    return Object.fromEntries(rows.map((r) => [r.projection, Number(r.position)]));
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    const rows = await this.read<{ doc: T }>(`SELECT doc FROM ${this.table(collection)} WHERE id = $1`, [id]);
    return rows[0]?.doc ?? null;
  }

  async find<T extends Doc>(collection: string, query: FindQuery): Promise<Page<T>> {
    const limit = pageLimit(query.limit);
    const keys: SortKey[] = [
      ...query.orderBy.map((o) => ({ expr: fieldExpr(o.field), desc: o.direction === 'desc', text: false })),
      { expr: 'id', desc: false, text: true },
    ];
    const params: unknown[] = [];
    const conditions = whereSql(query.where, params);
    if (query.cursor) conditions.push(afterCursorSql(keys, decodeCursor(query.cursor, keys.length), params));
    const sql =
      `SELECT id, doc${keys
        .slice(0, -1)
        .map((k, i) => `, ${k.expr} AS k${i}`)
        .join('')} FROM ${this.table(collection)}` +
      (conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '') +
      ` ORDER BY ${orderSql(keys)} LIMIT $${params.push(limit + 1)}`;
    const rows = await this.read<{ id: string; doc: T; [key: string]: unknown }>(sql, params);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor([...keys.slice(0, -1).map((_, i) => last[`k${i}`] as KeyValue), last.id])
        : null;
    return { items: page.map((r) => r.doc), nextCursor };
  }

  /** Keyset pages on the id (the primary key), as `find` pages with no sort key, only larger. */
  async *scan<T extends Doc>(collection: string, query: ScanQuery = {}): AsyncGenerator<T[]> {
    const size = scanPageSize(query.pageSize);
    let after: string | null = null;
    for (;;) {
      const params: unknown[] = [];
      const conditions = whereSql(query.where, params);
      if (after !== null) conditions.push(`id > $${params.push(after)}::text`);
      const sql =
        `SELECT id, doc FROM ${this.table(collection)}` +
        (conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '') +
        ` ORDER BY id LIMIT $${params.push(size)}`;
      const rows: Array<{ id: string; doc: T }> = await this.read<{ id: string; doc: T }>(sql, params);
      if (rows.length > 0) yield rows.map((row) => row.doc);
      if (rows.length < size) return;
      after = rows[rows.length - 1].id;
    }
  }

  async count(collection: string, where?: Filter[]): Promise<number> {
    const params: unknown[] = [];
    const conditions = whereSql(where, params);
    const sql =
      `SELECT COUNT(*) AS n FROM ${this.table(collection)}` +
      (conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '');
    const rows = await this.read<{ n: string }>(sql, params);
    return rows.length ? Number(rows[0].n) : 0;
  }

  async countEach(collection: string, where: Filter[], each: Filter[][]): Promise<number[]> {
    if (each.length === 0) return [];
    const { sql, params } = countEachSql<unknown>(this.table(collection), where, each, whereSql);
    const rows = await this.read<Record<string, string>>(sql, params);
    return each.map((_, i) => Number(rows[0]?.[`n${i}`] ?? 0));
  }

  async reset(projection: string, collections: string[]): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      // Lock the checkpoint first, so a batch in flight either finished before or fails its CAS after.
      await client.query(`SELECT 1 FROM ${this.schema}.checkpoints WHERE projection = $1 FOR UPDATE`, [
        projection,
      ]);
      for (const name of collections) {
        const { rows } = await client.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [
          `${this.schema}.${ident(name)}`,
        ]);
        if (rows[0].t) await client.query(`DELETE FROM ${this.table(name)}`);
      }
      await client.query(`DELETE FROM ${this.schema}.checkpoints WHERE projection = $1`, [projection]);
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private table(name: string): string {
    if (name === 'checkpoints') throw new Error(`invalid collection name ${name}`);
    return `${this.schema}.${ident(name)}`;
  }

  /** A query on the pool; a collection that does not exist yet reads as empty. */
  private async read<R extends object>(sql: string, params: unknown[]): Promise<R[]> {
    try {
      return (await this.pool.query<R>(sql, params)).rows;
    } catch (error) {
      if ((error as { code?: unknown }).code === UNDEFINED_TABLE) return [];
      throw error;
    }
  }
}
