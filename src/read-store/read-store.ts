/**
 * The read-model store port: JSON documents in named collections, in SQL (SQLite now,
 * PostgreSQL next), with each projection's checkpoint written in the same transaction as
 * the documents it changed. Projections stay portable because they only get, put and
 * delete documents; queries use `find` with simple field filters and keyset pagination.
 */
export type Doc = Record<string, unknown>;

/** A top-level (or dotted) field of a document, e.g. `district` or `lastEvent.position`. */
export type FieldPath = string;

export type Filter =
  | { field: FieldPath; op: '=' | '!=' | '<' | '<=' | '>' | '>='; value: string | number | boolean }
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

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Declares a collection and the fields worth an index (filters and sort keys). */
export interface CollectionSpec {
  name: string;
  indexes?: FieldPath[];
}

/** What a projection may do inside its batch transaction. */
export interface DocumentWriter {
  get<T extends Doc>(collection: string, id: string): Promise<T | null>;
  put(collection: string, id: string, doc: Doc): Promise<void>;
  delete(collection: string, id: string): Promise<void>;
}

export interface ReadStore {
  /** Creates collections and indexes that do not exist yet. */
  ensureCollections(specs: CollectionSpec[]): Promise<void>;

  /**
   * Runs `fn` in one transaction and moves `projection`'s checkpoint to `position` in it:
   * either both the documents and the checkpoint change, or neither does.
   */
  applyBatch(projection: string, position: number, fn: (writer: DocumentWriter) => Promise<void>): Promise<void>;

  /** The position up to which `projection` has applied the log; 0 if never run. */
  checkpoint(projection: string): Promise<number>;

  get<T extends Doc>(collection: string, id: string): Promise<T | null>;
  find<T extends Doc>(collection: string, query: FindQuery): Promise<Page<T>>;
  count(collection: string, where?: Filter[]): Promise<number>;

  /** Drops every document of the collections and the projection's checkpoint (for rebuild). */
  reset(projection: string, collections: string[]): Promise<void>;

  close(): Promise<void>;
}

/** Injection token for the configured ReadStore. */
export const READ_STORE = Symbol('READ_STORE');
