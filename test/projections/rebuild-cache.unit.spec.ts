import { RebuildCache } from '../../src/projections-runner/rebuild-cache';
import type { Doc, DocumentWriter } from '../../src/ports/read-store';

/** A store's transaction writer that logs every call it gets. */
function loggingWriter(initial: Record<string, Doc> = {}) {
  const docs = new Map(Object.entries(initial));
  const calls: string[] = [];
  const writer: DocumentWriter = {
    async get<T extends Doc>(c: string, id: string): Promise<T | null> {
      calls.push(`get ${c}/${id}`);
      return (docs.get(`${c}/${id}`) as T | undefined) ?? null;
    },
    async put(c, id, doc) {
      calls.push(`put ${c}/${id}`);
      docs.set(`${c}/${id}`, doc);
    },
    async delete(c, id) {
      calls.push(`delete ${c}/${id}`);
      docs.delete(`${c}/${id}`);
    },
  };
  return { writer, docs, calls };
}

describe('RebuildCache (write-behind across the pages and transactions of a rebuild)', () => {
  it('writes a document of a collection nobody reads at the end of its page, and forgets it', async () => {
    const store = loggingWriter();
    const cache = new RebuildCache(100);
    const docs = cache.begin(store.writer);
    await docs.put('audit', '1', { n: 1 });
    expect(store.calls).toEqual([]);
    await cache.endPage();
    expect(store.calls).toEqual(['put audit/1']);
    await cache.endTransaction();
    expect(store.calls).toEqual(['put audit/1']);
  });

  it('writes a document read and changed on many pages once, when its transaction ends', async () => {
    const store = loggingWriter({ 'views/a': { n: 0 } });
    const cache = new RebuildCache(100);
    const docs = cache.begin(store.writer);
    for (let page = 0; page < 3; page++) {
      const doc = (await docs.get<{ n: number }>('views', 'a'))!;
      await docs.put('views', 'a', { n: doc.n + 1 });
      await cache.endPage();
    }
    expect(store.calls).toEqual(['get views/a']);
    await cache.endTransaction();
    expect(store.calls).toEqual(['get views/a', 'put views/a']);
    expect(store.docs.get('views/a')).toEqual({ n: 3 });

    // Kept, clean, into the next transaction: no read, and no write unless it changes.
    const next = loggingWriter();
    const docs2 = cache.begin(next.writer);
    expect(await docs2.get('views', 'a')).toEqual({ n: 3 });
    await docs2.delete('views', 'a');
    await cache.endTransaction();
    expect(next.calls).toEqual(['delete views/a']);
  });

  it('beyond its capacity writes and drops the oldest, which read back from the store', async () => {
    const store = loggingWriter();
    const cache = new RebuildCache(10);
    const docs = cache.begin(store.writer);
    for (let i = 0; i < 20; i++) {
      await docs.get('views', String(i));
      await docs.put('views', String(i), { i });
    }
    await cache.endPage();
    const puts = store.calls.filter((c) => c.startsWith('put'));
    expect(puts).toEqual(Array.from({ length: 11 }, (_, i) => `put views/${i}`));
    expect(await docs.get('views', '0')).toEqual({ i: 0 });
    expect(store.calls[store.calls.length - 1]).toBe('get views/0');
    await cache.endTransaction();
    expect(store.docs.size).toBe(20);
  });

  it('keeps the documents every page uses and drops the least recently used', async () => {
    const store = loggingWriter();
    const cache = new RebuildCache(10);
    const docs = cache.begin(store.writer);
    await docs.get('buckets', 'year');
    for (let i = 0; i < 30; i++) {
      await docs.get('views', String(i));
      await docs.put('views', String(i), { i });
      await docs.put('buckets', 'year', { last: i });
      await cache.endPage();
    }
    expect(store.calls.filter((c) => c.endsWith('buckets/year'))).toEqual(['get buckets/year']);
    await cache.endTransaction();
    expect(store.docs.get('buckets/year')).toEqual({ last: 29 });
  });

  it('keeps a document it had to read back after dropping it, however many others pass through', async () => {
    const store = loggingWriter();
    const cache = new RebuildCache(10);
    const docs = cache.begin(store.writer);
    // A bucket closed into every third page, between pages of eight new issues each: in least
    // recently used order alone it is dropped before every use and read back each time.
    for (let round = 0; round < 20; round++) {
      const bucket = await docs.get<{ n: number }>('buckets', 'month');
      await docs.put('buckets', 'month', { n: (bucket?.n ?? 0) + 1 });
      for (let page = 0; page < 3; page++) {
        for (let i = 0; i < 8; i++) {
          const id = `${round}.${page}.${i}`;
          await docs.get('views', id);
          await docs.put('views', id, { id });
        }
        await cache.endPage();
      }
    }
    // Read as absent, written and dropped once, read back once: kept from then on.
    expect(store.calls.filter((c) => c.endsWith('buckets/month'))).toEqual([
      'get buckets/month',
      'put buckets/month',
      'get buckets/month',
    ]);
    await cache.endTransaction();
    expect(store.docs.get('buckets/month')).toEqual({ n: 20 });
    expect(store.docs.size).toBe(1 + 20 * 3 * 8);
  });

  it('answers "none" itself for a document of an emptied collection it never wrote', async () => {
    const store = loggingWriter({ 'kept/a': { n: 1 } });
    const cache = new RebuildCache(2, ['views', 'audit']);
    const docs = cache.begin(store.writer);
    // The first read of a new issue's view: the rebuild emptied the collection, so no read.
    expect(await docs.get('views', '1')).toBeNull();
    await docs.put('views', '1', { n: 1 });
    for (const id of ['2', '3', '4']) {
      await docs.get('views', id);
      await docs.put('views', id, { n: Number(id) });
    }
    await cache.endPage();
    expect(store.calls).toEqual(['put views/1', 'put views/2', 'put views/3']);
    // Written and dropped: now the store holds it, and it is read back from there.
    expect(await docs.get('views', '1')).toEqual({ n: 1 });
    expect(store.calls[store.calls.length - 1]).toBe('get views/1');
    // A collection the rebuild did not empty is asked as before.
    expect(await docs.get('kept', 'a')).toEqual({ n: 1 });
    // One written before anything read it (its ids were not kept) is asked too.
    await docs.put('audit', 'x', { n: 0 });
    await cache.endPage();
    expect(await docs.get('audit', 'y')).toBeNull();
    expect(store.calls.filter((c) => c.startsWith('get'))).toEqual([
      'get views/1',
      'get kept/a',
      'get audit/y',
    ]);
    await cache.endTransaction();
    expect(store.docs.get('views/4')).toEqual({ n: 4 });
  });

  it('hands out a new writer per transaction, and refuses use outside one', async () => {
    const cache = new RebuildCache(10);
    const a = cache.begin(loggingWriter().writer);
    await cache.endTransaction();
    await expect(a.get('views', 'x')).rejects.toThrow(/outside a transaction/);
    expect(cache.begin(loggingWriter().writer)).not.toBe(a);
  });
});
