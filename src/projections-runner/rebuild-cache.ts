import type { Doc, DocumentWriter } from '../ports/read-store';

type Entry = {
  collection: string;
  id: string;
  doc: Doc | null;
  dirty: boolean;
  /** Neighbours in the least-recently-used order (null at its ends, and when not in it). */
  older: Entry | null;
  newer: Entry | null;
};

/**
 * The write-behind document cache of a rebuild, kept across its pages of events and its
 * transactions (`applyEvents` keeps one per batch): a document touched on many pages (an
 * issue's view while the issue runs, a district's period bucket) is read, parsed, serialised
 * and written once rather than once per page, and the pages can stay small, so the events and
 * documents of one page die young instead of being copied into the old generation.
 *
 * Two kinds of documents, told apart by whether their collection was ever read:
 * - write-only ones (an audit entry per event) are written at the end of their page and
 *   forgotten: nothing will ask for them again;
 * - the others stay, dirty until written: when the cache holds more than `capacity`, the
 *   least recently used are written and dropped; at the end of each transaction all are written.
 *
 * Safe because a rebuild is the only writer and reads nothing back until it commits; a
 * document written and dropped mid-transaction is read back from that same transaction.
 *
 * A rebuild empties its collections first, so a document the cache never wrote cannot be in
 * the store: the first read of every new document (each issue's view, tracker and deadlines,
 * 117,000 reads in a 200,000-event rebuild, all of them answered "none") is answered here.
 */
export class RebuildCache {
  /** Every document held, by collection then id (no key string built per access). */
  private readonly byCollection = new Map<string, Map<string, Entry>>();
  /**
   * The same entries but the read-back ones, least recently used first, for writing out beyond
   * capacity: a list through the entries themselves, so moving an entry
   * to the young end on every use is a few pointer writes (a Set's delete and add, 6% of a
   * rebuild, before). `size` counts the entries in it.
   */
  private oldest: Entry | null = null;
  private youngest: Entry | null = null;
  private size = 0;
  /**
   * Documents read back from the store after being written and dropped: the ones the log keeps
   * coming back to (a district's month, quarter and year buckets), kept to the end instead of
   * going round the LRU. In LRU order alone they were written, dropped and parsed again every
   * few pages, behind the issues in flight: 66,000 writes and 65,000 reads for 4,700 buckets
   * in a 200,000-event rebuild. At most `capacity` of them; never dropped, written at the end
   * of each transaction like the others.
   */
  private readonly held = new Set<Entry>();
  /** Collections some projection has read from: their documents are worth keeping. */
  private readonly read = new Set<string>();
  /** Put on this page into a collection nobody had read from (yet). */
  private writeOnly: Entry[] = [];
  private store: DocumentWriter | null = null;
  /**
   * Collections empty when the rebuild began, and the ids of each the cache has written to the
   * store since: any other id of them is known to be absent. A collection whose documents were
   * written before anything read it (not tracked then) leaves: its reads go to the store.
   */
  private readonly written = new Map<string, Set<string>>();

  /** @param emptied the collections the rebuild emptied before its first page */
  constructor(
    private readonly capacity: number,
    emptied: Iterable<string> = [],
  ) {
    for (const collection of emptied) this.written.set(collection, new Set());
  }

  /**
   * The writer the projections see during one transaction of `store`. A new object each time:
   * a projection may own what it copied per writer (group performance's lists), and a
   * transaction's end must end that ownership, as a new batch does on the projector.
   */
  begin(store: DocumentWriter): DocumentWriter {
    this.store = store;
    return {
      get: (collection, id) => this.get(collection, id),
      put: async (collection, id, doc) => this.set(collection, id, doc),
      delete: async (collection, id) => this.set(collection, id, null),
    };
  }

  /** At the end of each page: writes the write-only documents, and the oldest beyond capacity. */
  async endPage(): Promise<void> {
    const store = this.writer();
    const writeOnly = this.writeOnly;
    this.writeOnly = [];
    for (const entry of writeOnly) {
      // Read since it was put (the collection or the document): keep it like the others.
      if (!entry.dirty || this.read.has(entry.collection) || !this.isHeld(entry)) continue;
      await this.write(store, entry);
      this.drop(entry);
    }
    if (this.size <= this.capacity) return;
    // Down to nine tenths, so the next page does not find it full again.
    let excess = this.size - Math.floor(this.capacity * 0.9);
    for (let entry = this.oldest; entry !== null && excess-- > 0;) {
      const newer: Entry | null = entry.newer;
      if (entry.dirty) await this.write(store, entry);
      this.drop(entry);
      entry = newer;
    }
  }

  /** Before the transaction commits: writes every dirty document, and keeps them, clean. */
  async endTransaction(): Promise<void> {
    await this.endPage();
    const store = this.writer();
    for (let entry = this.oldest; entry !== null; entry = entry.newer)
      if (entry.dirty) await this.write(store, entry);
    for (const entry of this.held) if (entry.dirty) await this.write(store, entry);
    this.store = null;
  }

  private async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    const docs = this.collection(collection);
    const hit = docs.get(id);
    if (hit) {
      this.touch(hit);
      return hit.doc as T | null;
    }
    this.read.add(collection);
    const doc = this.surelyAbsent(collection, id) ? null : await this.writer().get<T>(collection, id);
    const entry = newEntry(collection, id, doc, false);
    docs.set(id, entry);
    if (doc !== null && this.held.size < this.capacity) this.held.add(entry);
    else this.append(entry);
    return doc;
  }

  private set(collection: string, id: string, doc: Doc | null): void {
    const docs = this.collection(collection);
    const hit = docs.get(id);
    if (hit) {
      hit.doc = doc;
      hit.dirty = true;
      this.touch(hit);
      return;
    }
    const entry = newEntry(collection, id, doc, true);
    docs.set(id, entry);
    this.append(entry);
    if (!this.read.has(collection)) this.writeOnly.push(entry);
  }

  private collection(name: string): Map<string, Entry> {
    let docs = this.byCollection.get(name);
    if (!docs) this.byCollection.set(name, (docs = new Map<string, Entry>()));
    return docs;
  }

  /** Whether the store cannot hold this document: its collection began empty and the cache never wrote it. */
  private surelyAbsent(collection: string, id: string): boolean {
    const written = this.written.get(collection);
    return written !== undefined && !written.has(id);
  }

  private async write(store: DocumentWriter, entry: Entry): Promise<void> {
    const written = this.written.get(entry.collection);
    if (written && this.read.has(entry.collection)) written.add(entry.id);
    // Written before anything read its collection: its ids were not kept.
    else if (written) this.written.delete(entry.collection);
    entry.dirty = false;
    if (entry.doc === null) await store.delete(entry.collection, entry.id);
    else await store.put(entry.collection, entry.id, entry.doc);
  }

  /** Whether the entry is still held (in the order or among the read-back ones), not dropped. */
  private isHeld(entry: Entry): boolean {
    return this.byCollection.get(entry.collection)?.get(entry.id) === entry;
  }

  /** Puts an entry at the young end of the order. */
  private append(entry: Entry): void {
    entry.older = this.youngest;
    entry.newer = null;
    if (this.youngest) this.youngest.newer = entry;
    else this.oldest = entry;
    this.youngest = entry;
    this.size++;
  }

  /** Takes an entry out of the order. */
  private unlink(entry: Entry): void {
    if (entry.older) entry.older.newer = entry.newer;
    else this.oldest = entry.newer;
    if (entry.newer) entry.newer.older = entry.older;
    else this.youngest = entry.older;
    entry.older = entry.newer = null;
    this.size--;
  }

  /**
   * Moves an entry to the young end. Least recently used goes first: in arrival order, the
   * documents every page touches (a year's bucket, whose list of hours grows with the log)
   * were written, dropped and parsed again every few thousand events, and a 1,000,000-event
   * rebuild slowed by a quarter towards its end.
   */
  private touch(entry: Entry): void {
    if (entry === this.youngest || this.held.has(entry)) return;
    this.unlink(entry);
    this.append(entry);
  }

  /** Forgets an entry of the order (read-back ones are never dropped). */
  private drop(entry: Entry): void {
    this.byCollection.get(entry.collection)?.delete(entry.id);
    this.unlink(entry);
  }

  private writer(): DocumentWriter {
    if (!this.store) throw new Error('RebuildCache used outside a transaction');
    return this.store;
  }
}

function newEntry(collection: string, id: string, doc: Doc | null, dirty: boolean): Entry {
  return { collection, id, doc, dirty, older: null, newer: null };
}
