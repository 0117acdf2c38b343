import { closedBatches, openBatches } from './batch-range';
import { InvalidQueryError } from '../ports/invalid-query-error';
import { decodeCursor, encodeCursor, pageLimit, type KeyValue } from '../ports/page-cursor';
import {
  CheckpointMovedError,
  indexFields,
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

type Scalar = string | number | boolean | null;

const FIELD = /^[A-Za-z0-9_.]+$/;

/** The same field names the SQL adapters accept, so a query fails here as it would there. */
function assertField(field: string): void {
  if (!FIELD.test(field)) throw new InvalidQueryError(field, 'is not a queryable field');
}

const valueAt = (doc: Doc, field: string): Scalar => {
  let value: unknown = doc;
  for (const part of field.split('.')) {
    if (value === null || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[part];
  }
  return value === undefined || (typeof value === 'object' && value !== null) ? null : (value as Scalar);
};

/** SQL's order: NULL first ascending; numbers and strings by value. */
function compare(a: Scalar, b: Scalar): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function matches(doc: Doc, filter: Filter): boolean {
  const value = valueAt(doc, filter.field);
  switch (filter.op) {
    case 'is-null':
      return value === null;
    case 'not-null':
      return value !== null;
    case 'in':
      return value !== null && (filter.value as Scalar[]).includes(value);
    case '=':
      return value === filter.value;
    case '!=':
      // As the SQL adapters: a missing field is "not equal" too.
      return value !== filter.value;
    case '<':
      return value !== null && compare(value, filter.value) < 0;
    case '<=':
      return value !== null && compare(value, filter.value) <= 0;
    case '>':
      return value !== null && compare(value, filter.value) > 0;
    case '>=':
      return value !== null && compare(value, filter.value) >= 0;
    default: {
      const never: never = filter;
      return never;
    }
  }
}

/**
 * The ReadStore port in memory: the same projections and queries over documents held in
 * maps, for folding the log as of a past time (GET /groups/performance?asOf, a review's
 * frozen position) without touching the live read models. `clone()` is cheap (the maps are
 * copied, the documents shared), which is safe because projections never mutate a document
 * they read: every evolve returns a new one.
 */
export class MemoryReadStore implements ReadStore {
  private constructor(
    private readonly collections: Map<string, Map<string, Doc>>,
    private readonly stored: Map<string, number>,
  ) {}

  static empty(): MemoryReadStore {
    return new MemoryReadStore(new Map(), new Map());
  }

  /** A copy that evolves on its own from here. */
  clone(): MemoryReadStore {
    return new MemoryReadStore(
      new Map([...this.collections].map(([name, docs]) => [name, new Map(docs)])),
      new Map(this.stored),
    );
  }

  private collection(name: string): Map<string, Doc> {
    let docs = this.collections.get(name);
    if (!docs) {
      docs = new Map();
      this.collections.set(name, docs);
    }
    return docs;
  }

  async ensureCollections(specs: CollectionSpec[]): Promise<void> {
    for (const spec of specs) {
      // Nothing to build, but a declaration the other stores would refuse is refused here too.
      for (const index of spec.indexes ?? []) indexFields(index).fields.forEach(assertField);
      this.collection(spec.name);
    }
  }

  /** Nothing to drop: the maps are scanned. */
  async dropIndexes(): Promise<void> {}

  async applyBatch(projection: string, range: BatchRange, fn: (writer: DocumentWriter) => Promise<void>) {
    await this.applyBatches([{ projection, ...range }], fn);
  }

  async applyBatches(ranges: ProjectionRange[], fn: (writer: DocumentWriter) => Promise<void>) {
    await closedBatches((r, f) => this.transact(r, f), ranges, fn);
  }

  async applyOpenBatches(ranges: OpenRange[], fn: (writer: DocumentWriter) => Promise<number>) {
    await openBatches((r, f) => this.transact(r, f), ranges, fn);
  }

  private async transact(ranges: OpenRange[], fn: (writer: DocumentWriter) => Promise<number[]>) {
    for (const range of ranges) {
      const actual = this.stored.get(range.projection) ?? 0;
      if (actual !== range.from) throw new CheckpointMovedError(range.projection, range.from, actual);
    }
    // Writes are staged and applied at the end, so a failing batch changes nothing.
    const staged = new Map<string, { collection: string; id: string; doc: Doc | null }>();
    const key = (collection: string, id: string) => `${collection}\u0000${id}`;
    const to = await fn({
      get: async <T extends Doc>(collection: string, id: string) => {
        const hit = staged.get(key(collection, id));
        return (hit ? hit.doc : (this.collection(collection).get(id) ?? null)) as T | null;
      },
      put: async (collection, id, doc) => void staged.set(key(collection, id), { collection, id, doc }),
      delete: async (collection, id) => void staged.set(key(collection, id), { collection, id, doc: null }),
    });
    for (const { collection, id, doc } of staged.values()) {
      if (doc === null) this.collection(collection).delete(id);
      else this.collection(collection).set(id, doc);
    }
    ranges.forEach((range, i) => this.stored.set(range.projection, to[i]));
  }

  async checkpoint(projection: string): Promise<number> {
    return this.stored.get(projection) ?? 0;
  }

  async checkpoints(): Promise<Record<string, number>> {
    return Object.fromEntries(this.stored);
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    return (this.collections.get(collection)?.get(id) ?? null) as T | null;
  }

  private matching(collection: string, where: Filter[] = []): Array<[string, Doc]> {
    for (const filter of where) assertField(filter.field);
    return [...(this.collections.get(collection) ?? new Map<string, Doc>())].filter(([, doc]) =>
      where.every((f) => matches(doc, f)),
    );
  }

  async find<T extends Doc>(collection: string, query: FindQuery): Promise<Page<T>> {
    for (const key of query.orderBy) assertField(key.field);
    const keys = [...query.orderBy.map((o) => ({ field: o.field, desc: o.direction === 'desc' }))];
    const tuple = ([id, doc]: [string, Doc]): KeyValue[] => [...keys.map((k) => valueAt(doc, k.field)), id];
    const order = (a: KeyValue[], b: KeyValue[]): number => {
      for (let i = 0; i < a.length; i++) {
        const c = compare(a[i], b[i]) * (keys[i]?.desc ? -1 : 1);
        if (c !== 0) return c;
      }
      return 0;
    };
    let rows = this.matching(collection, query.where)
      .map((row) => ({ doc: row[1], key: tuple(row) }))
      .sort((a, b) => order(a.key, b.key));
    if (query.cursor) {
      const after = decodeCursor(query.cursor, keys.length + 1);
      rows = rows.filter((row) => order(row.key, after) > 0);
    }
    const limit = pageLimit(query.limit);
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) => row.doc as T),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].key) : null,
    };
  }

  /** The matches as they stand when the scan starts, in insertion order. */
  async *scan<T extends Doc>(collection: string, query: ScanQuery = {}): AsyncGenerator<T[]> {
    const size = scanPageSize(query.pageSize);
    const docs = this.matching(collection, query.where).map(([, doc]) => doc as T);
    for (let i = 0; i < docs.length; i += size) yield docs.slice(i, i + size);
  }

  async count(collection: string, where?: Filter[]): Promise<number> {
    return this.matching(collection, where).length;
  }

  async countEach(collection: string, where: Filter[], each: Filter[][]): Promise<number[]> {
    for (const filter of each.flat()) assertField(filter.field);
    const found = this.matching(collection, where);
    return each.map((filters) => found.filter(([, doc]) => filters.every((f) => matches(doc, f))).length);
  }

  async reset(projection: string, collections: string[]): Promise<void> {
    for (const name of collections) this.collections.set(name, new Map());
    this.stored.delete(projection);
  }

  async close(): Promise<void> {}
}
