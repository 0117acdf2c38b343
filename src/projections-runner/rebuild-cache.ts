import type { Doc, DocumentWriter } from '../ports/read-store';

type Entry = { collection: string; id: string; doc: Doc | null; dirty: boolean };

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
 */
export class RebuildCache {
  /**
   * Every document held, by collection then id (no key string built per access), and the
   * same entries least recently used first, for writing out beyond capacity.
   */
  private readonly byCollection = new Map<string, Map<string, Entry>>();
  private readonly entries = new Set<Entry>();
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

  constructor(private readonly capacity: number) {}

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
      if (!entry.dirty || this.read.has(entry.collection) || !this.entries.has(entry)) continue;
      await write(store, entry);
      this.drop(entry);
    }
    if (this.entries.size <= this.capacity) return;
    // Down to nine tenths, so the next page does not find it full again.
    let excess = this.entries.size - Math.floor(this.capacity * 0.9);
    for (const entry of this.entries) {
      if (excess-- <= 0) break;
      if (entry.dirty) await write(store, entry);
      this.drop(entry);
    }
  }

  /** Before the transaction commits: writes every dirty document, and keeps them, clean. */
  async endTransaction(): Promise<void> {
    await this.endPage();
    const store = this.writer();
    for (const entries of [this.entries, this.held])
      for (const entry of entries) {
        if (!entry.dirty) continue;
        await write(store, entry);
        entry.dirty = false;
      }
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
    const doc = await this.writer().get<T>(collection, id);
    const returning = doc !== null && this.held.size < this.capacity;
    this.add(docs, { collection, id, doc, dirty: false }, returning ? this.held : this.entries);
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
    const entry = { collection, id, doc, dirty: true };
    this.add(docs, entry);
    if (!this.read.has(collection)) this.writeOnly.push(entry);
  }

  private collection(name: string): Map<string, Entry> {
    let docs = this.byCollection.get(name);
    if (!docs) this.byCollection.set(name, (docs = new Map<string, Entry>()));
    return docs;
  }

  private add(docs: Map<string, Entry>, entry: Entry, into: Set<Entry> = this.entries): void {
    docs.set(entry.id, entry);
    into.add(entry);
  }

  /**
   * Moves an entry to the young end. Least recently used goes first: in arrival order, the
   * documents every page touches (a year's bucket, whose list of hours grows with the log)
   * were written, dropped and parsed again every few thousand events, and a 1,000,000-event
   * rebuild slowed by a quarter towards its end.
   */
  private touch(entry: Entry): void {
    if (this.held.has(entry)) return;
    this.entries.delete(entry);
    this.entries.add(entry);
  }

  private drop(entry: Entry): void {
    this.byCollection.get(entry.collection)?.delete(entry.id);
    this.entries.delete(entry);
    this.held.delete(entry);
  }

  private writer(): DocumentWriter {
    if (!this.store) throw new Error('RebuildCache used outside a transaction');
    return this.store;
  }
}

async function write(store: DocumentWriter, entry: Entry): Promise<void> {
  entry.dirty = false;
  if (entry.doc === null) await store.delete(entry.collection, entry.id);
  else await store.put(entry.collection, entry.id, entry.doc);
}
