import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SqliteReadStore } from '../../src/read-store/sqlite-read-store';
import type { Doc } from '../../src/read-store/read-store';

describe('SqliteReadStore', () => {
  let dir: string;
  let store: SqliteReadStore;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-store-'));
    store = SqliteReadStore.open(path.join(dir, 'read.db'));
    await store.ensureCollections([{ name: 'things', indexes: ['district', 'rank', 'nested.at'] }]);
  });

  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const seed = (docs: Doc[]) =>
    store.applyBatch('p', docs.length, async (w) => {
      for (const doc of docs) await w.put('things', String(doc.id), doc);
    });

  it('filters on equality, comparisons, in, nulls, booleans and dotted fields', async () => {
    await seed([
      { id: 'a', district: 'siming', rank: 1, open: true, due: null, nested: { at: '2023-01-01' } },
      { id: 'b', district: 'huli', rank: 2, open: false, due: '2023-02-01', nested: { at: '2023-02-01' } },
      { id: 'c', district: 'siming', rank: 3, open: true, due: '2023-03-01', nested: { at: '2023-03-01' } },
    ]);
    const ids = async (where: Parameters<SqliteReadStore['count']>[1]) =>
      (await store.find('things', { where, orderBy: [] })).items.map((d) => d.id);

    expect(await ids([{ field: 'district', op: '=', value: 'siming' }])).toEqual(['a', 'c']);
    expect(await ids([{ field: 'rank', op: '>=', value: 2 }])).toEqual(['b', 'c']);
    expect(await ids([{ field: 'open', op: '=', value: true }])).toEqual(['a', 'c']);
    expect(await ids([{ field: 'open', op: '=', value: false }])).toEqual(['b']);
    expect(await ids([{ field: 'district', op: 'in', value: ['huli', 'jimei'] }])).toEqual(['b']);
    expect(await ids([{ field: 'district', op: 'in', value: [] }])).toEqual([]);
    expect(await ids([{ field: 'due', op: 'is-null' }])).toEqual(['a']);
    expect(await ids([{ field: 'due', op: '!=', value: '2023-02-01' }])).toEqual(['a', 'c']);
    expect(await ids([{ field: 'nested.at', op: '<', value: '2023-02-15' }])).toEqual(['a', 'b']);
    expect(await store.count('things', [{ field: 'district', op: '=', value: 'siming' }])).toBe(2);
    expect(await store.get('things', 'b')).toMatchObject({ district: 'huli', nested: { at: '2023-02-01' } });
    expect(await store.get('things', 'zz')).toBeNull();
  });

  it('refuses field names that could smuggle SQL', async () => {
    await expect(store.find('things', { orderBy: [{ field: "x') OR 1=1 --", direction: 'asc' }] })).rejects.toThrow();
  });

  it('pages through every document exactly once, with sort ties and nulls, in both directions', async () => {
    const docs = Array.from({ length: 47 }, (_, i) => ({
      id: `d${String(i).padStart(2, '0')}`,
      rank: i % 5 === 0 ? null : i % 4,
      district: i % 2 ? 'huli' : 'siming',
    }));
    await seed(docs);
    for (const direction of ['asc', 'desc'] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { items: Doc[]; nextCursor: string | null } = await store.find('things', {
          orderBy: [{ field: 'rank', direction }],
          limit: 10,
          cursor,
        });
        seen.push(...page.items.map((d) => String(d.id)));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(5);
      expect(new Set(seen).size).toBe(47);
      const all = await store.find('things', { orderBy: [{ field: 'rank', direction }], limit: 500 });
      expect(seen).toEqual(all.items.map((d) => d.id));
    }
  });

  it('pages with a filter and says there is no next page on the last one', async () => {
    await seed(Array.from({ length: 6 }, (_, i) => ({ id: `x${i}`, district: i < 4 ? 'siming' : 'huli' })));
    const where = [{ field: 'district', op: '=' as const, value: 'siming' }];
    const first = await store.find('things', { where, orderBy: [], limit: 3 });
    expect(first.items.map((d) => d.id)).toEqual(['x0', 'x1', 'x2']);
    const second = await store.find('things', { where, orderBy: [], limit: 3, cursor: first.nextCursor });
    expect(second.items.map((d) => d.id)).toEqual(['x3']);
    expect(second.nextCursor).toBeNull();
    await expect(store.find('things', { orderBy: [], cursor: 'garbage' })).rejects.toThrow(/cursor/);
  });

  it('rolls back documents and checkpoint when the batch fails', async () => {
    await store.applyBatch('p', 5, async (w) => w.put('things', 'a', { id: 'a', v: 1 }));
    await expect(
      store.applyBatch('p', 9, async (w) => {
        await w.put('things', 'a', { id: 'a', v: 2 });
        await w.put('things', 'b', { id: 'b', v: 2 });
        throw new Error('projection bug');
      }),
    ).rejects.toThrow('projection bug');
    expect(await store.get('things', 'a')).toEqual({ id: 'a', v: 1 });
    expect(await store.get('things', 'b')).toBeNull();
    expect(await store.checkpoint('p')).toBe(5);
    // The writer is usable again after a rollback.
    await store.applyBatch('p', 10, async (w) => w.put('things', 'b', { id: 'b', v: 3 }));
    expect(await store.checkpoint('p')).toBe(10);
  });

  it('does not let readers see a batch before it commits', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const halfway = new Promise<void>((resolve) => (written = resolve));
    const batch = store.applyBatch('p', 3, async (w) => {
      await w.put('things', 'a', { id: 'a' });
      written();
      await gate;
      await w.put('things', 'b', { id: 'b' });
    });
    await halfway;
    expect(await store.get('things', 'a')).toBeNull();
    expect(await store.count('things')).toBe(0);
    expect(await store.checkpoint('p')).toBe(0);
    release();
    await batch;
    expect(await store.count('things')).toBe(2);
    expect(await store.checkpoint('p')).toBe(3);
  });

  it('reset empties the collections and the checkpoint; unknown collections read as empty', async () => {
    await seed([{ id: 'a' }]);
    await store.reset('p', ['things', 'never_created']);
    expect(await store.count('things')).toBe(0);
    expect(await store.checkpoint('p')).toBe(0);
    expect(await store.find('never_created', { orderBy: [] })).toEqual({ items: [], nextCursor: null });
  });
});
