/**
 * The read-model store port: JSON documents in named collections, in SQL (SQLite or
 * PostgreSQL), with each projection's checkpoint written in the same transaction as the
 * documents it changed. Projections stay portable because they only get, put and delete
 * documents; queries use `find` with simple field filters and keyset pagination. Every
 * adapter passes the contract suite in `test/read-store/read-store.contract.ts`.
 *
 * A port, so it lives apart from its adapters (`src/read-store/`): features and projections
 * depend on this file only, never on an adapter.
 */
export type Doc = Record<string, unknown>;

/** A top-level (or dotted) field of a document, e.g. `district` or `lastEvent.position`. */
export type FieldPath = string;

export type Filter =
  | {
      field: FieldPath;
      op: '=' | '!=' | '<' | '<=' | '>' | '>=';
      value: string | number | boolean;
      /**
       * The filter matches most documents (a light every closed issue has, a category among the
       * open issues only): a store that plans without statistics does not seek by it (SQLite's
       * planner takes any indexed filter for a narrow one, and read a range holding every closed
       * issue, then sorted it, for a page of 20). Changes no answer.
       */
      broad?: boolean;
    }
  | { field: FieldPath; op: 'in'; value: Array<string | number> }
  | { field: FieldPath; op: 'is-null' | 'not-null' };

export interface FindQuery {
  where?: Filter[];
  /** Sort keys; the document id is always appended as the final tie-breaker. */
  orderBy: Array<{ field: FieldPath; direction: 'asc' | 'desc' }>;
  /** @defaultValue 50 */
  limit?: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string | null;
}

export interface ScanQuery {
  where?: Filter[];
  /** Documents per page, 1..10,000. @defaultValue 1000 */
  pageSize?: number;
}

/** The page size a scan asked for, within 1..10,000. */
export const scanPageSize = (size: number | undefined): number =>
  Math.min(Math.max(Math.floor(size ?? 1000), 1), 10_000);

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * Declares a collection and the fields worth an index (filters and sort keys). A list of
 * fields is one composite index, in that order: an equality filter then the sort key
 * (`['district', 'reportedAt']`) lets a filtered page read its rows in order instead of
 * sorting every match. Every index ends in the document id, the tie-breaker of every `find`:
 * a page whose sort key ties over many documents (the closed issues' one "never due" key)
 * reads them in order too, instead of sorting them all.
 *
 * `indexes` is the whole list: `ensureCollections` drops an index of the collection it no
 * longer names (one a projection stopped declaring, or one defined differently before), which
 * every write would otherwise keep paying for. A spec without `indexes` leaves them as they are.
 */
export interface CollectionSpec {
  name: string;
  indexes?: IndexSpec[];
}

/** One index: a field, several (a composite index, in that order), or a partial index. */
export type IndexSpec = FieldPath | FieldPath[] | PartialIndex;

/**
 * An index over only the documents that match `where`: a query whose filters include the very
 * same filters reads just those documents (the open issues among every issue ever reported)
 * instead of them all, and the documents outside it cost the index nothing. `name` tells it
 * from a full index on the same fields; `where`'s values are the declaring code's, written
 * into the index's definition.
 */
export interface PartialIndex {
  name: string;
  fields: FieldPath[];
  where: Filter[];
}

const INDEX_NAME = /^[A-Za-z0-9_]+$/;

/**
 * An index's fields (the id after them is the adapters' to add), its name's suffix (fields
 * joined by `__`, dots as `_`, after a partial index's name, then `__id`: a name says how the
 * index is defined, so one defined differently before has another name and is replaced) and
 * the filters a partial index keeps (none for a full one).
 */
export function indexFields(index: IndexSpec): { fields: FieldPath[]; suffix: string; where: Filter[] } {
  const suffixOf = (fields: FieldPath[]) => [...fields.map((f) => f.replace(/\./g, '_')), 'id'].join('__');
  if (typeof index === 'string') return { fields: [index], suffix: suffixOf([index]), where: [] };
  if (Array.isArray(index)) return { fields: index, suffix: suffixOf(index), where: [] };
  if (!INDEX_NAME.test(index.name)) throw new Error(`invalid index name ${index.name}`);
  return { fields: index.fields, suffix: `${index.name}__${suffixOf(index.fields)}`, where: index.where };
}

/** The prefix of a collection's own index names (not its primary key's), in either SQL store. */
export const indexPrefix = (collection: string): string => `ix_${collection}_`;

/** An index's name (unquoted): the collection's prefix and how the index is defined. */
export const indexName = (collection: string, index: IndexSpec): string =>
  `${indexPrefix(collection)}${indexFields(index).suffix}`;

/** What a projection may do inside its batch transaction. */
export interface DocumentWriter {
  get<T extends Doc>(collection: string, id: string): Promise<T | null>;
  put(collection: string, id: string, doc: Doc): Promise<void>;
  delete(collection: string, id: string): Promise<void>;
}

export interface ReadStore {
  /**
   * Creates collections and indexes that do not exist yet, and drops the indexes of a
   * collection whose spec lists `indexes` that the list no longer names.
   */
  ensureCollections(specs: CollectionSpec[]): Promise<void>;

  /**
   * Drops the declared indexes of these collections, for a bulk load (a rebuild) that
   * `ensureCollections` then ends by building them once. Queries still answer meanwhile,
   * only slower.
   */
  dropIndexes(specs: CollectionSpec[]): Promise<void>;

  /**
   * Runs `fn` in one transaction and moves `projection`'s checkpoint from `range.from` to
   * `range.to` in it: either both the documents and the checkpoint change, or neither does.
   * The checkpoint is a compare-and-set: the transaction first locks and reads it, and when
   * it is not `range.from` (another process applied or reset in between) nothing is written.
   * This fencing, not any lease, is what keeps two writers from applying a batch twice.
   * @throws CheckpointMovedError when the stored checkpoint is not `range.from`.
   */
  applyBatch(
    projection: string,
    range: BatchRange,
    fn: (writer: DocumentWriter) => Promise<void>,
  ): Promise<void>;

  /**
   * `applyBatch` for several checkpoints at once: one transaction moves every listed
   * projection's checkpoint (each a compare-and-set as there) together with the documents
   * `fn` writes. The projector commits all projections of a delivered batch this way: one
   * commit, one set of page writes, instead of one transaction per projection.
   * @throws CheckpointMovedError for the first checkpoint that is not its `from`; nothing is written.
   */
  applyBatches(ranges: ProjectionRange[], fn: (writer: DocumentWriter) => Promise<void>): Promise<void>;

  /**
   * `applyBatches` for a bulk load that reads its events while it writes (a rebuild): the
   * transaction opens, and checks every checkpoint is at its `from`, before anyone knows where
   * it will stop; `fn` returns the position it reached, and every listed checkpoint moves
   * there in the same transaction. One long transaction instead of one per page of events:
   * each commit rewrote the pages the previous one had left half full.
   * @throws CheckpointMovedError for the first checkpoint that is not its `from`; nothing is written.
   * @throws RangeError when `fn` returns a position before a `from`; nothing is written.
   */
  applyOpenBatches(ranges: OpenRange[], fn: (writer: DocumentWriter) => Promise<number>): Promise<void>;

  /** The position up to which `projection` has applied the log; 0 if never run. */
  checkpoint(projection: string): Promise<number>;

  /** Every stored checkpoint in one query (a follower polls these); absent means 0. */
  checkpoints(): Promise<Record<string, number>>;

  get<T extends Doc>(collection: string, id: string): Promise<T | null>;
  find<T extends Doc>(collection: string, query: FindQuery): Promise<Page<T>>;

  /**
   * Every document of `collection` matching `where`, page by page, in no promised order: the
   * order the store reads fastest (SQLite: the table's row order, so a page is a run of
   * neighbouring rows; PostgreSQL: by id). For work that visits every match, such as the
   * escalation reconciler's walk over the pending issues, where `find`'s id-ordered pages of
   * at most 500 cost SQLite a random table read per document. A document present for the whole
   * walk is yielded once; one written during it may or may not be.
   */
  scan<T extends Doc>(collection: string, query?: ScanQuery): AsyncGenerator<T[]>;
  count(collection: string, where?: Filter[]): Promise<number>;

  /**
   * Of the documents matching `where`, how many also match each of `each` (an empty list: all
   * of them), in one pass: a board's counters share their filters, and one COUNT each read the
   * same documents once per counter.
   */
  countEach(collection: string, where: Filter[], each: Filter[][]): Promise<number[]>;

  /** Drops every document of the collections and the projection's checkpoint (for rebuild). */
  reset(projection: string, collections: string[]): Promise<void>;

  close(): Promise<void>;
}

/** The log positions a batch moves a projection's checkpoint between. */
export interface BatchRange {
  /** The checkpoint the caller believes is stored (0 for a projection never run). */
  from: number;
  /** The position of the batch's last event: the new checkpoint. */
  to: number;
}

/** One checkpoint a multi-projection batch moves. */
export interface ProjectionRange extends BatchRange {
  projection: string;
}

/** One checkpoint an open-ended batch moves: from here to wherever its `fn` stops. */
export interface OpenRange {
  projection: string;
  from: number;
}

/** A batch's `from` was stale: someone else moved the checkpoint. Nothing was written. */
export class CheckpointMovedError extends Error {
  constructor(
    readonly projection: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(
      `checkpoint of projection ${projection} is at ${actual}, not ${expected}: another writer moved it; reload and continue from ${actual}`,
    );
    this.name = 'CheckpointMovedError';
  }
}

/** Injection token for the configured ReadStore. */
export const READ_STORE = Symbol('READ_STORE');
