import { CheckpointMovedError, type Doc, type Filter, type ReadStore } from '../../src/ports/read-store';

/** What an adapter's spec hands the contract for each test: fresh, empty storage. */
export interface ReadStoreSubject {
  /** Opens a store on this test's storage; a second call is a second process's view of it. */
  open(): Promise<ReadStore>;
  /** Closes every store `open` gave out and deletes the storage. */
  cleanup(): Promise<void>;
}

/** The behaviour every ReadStore adapter must show; each adapter's spec runs it. */
export function runReadStoreContract(name: string, factory: () => Promise<ReadStoreSubject>): void {
  describe(`ReadStore contract: ${name}`, () => {
    let subject: ReadStoreSubject;
    let store: ReadStore;

    beforeEach(async () => {
      subject = await factory();
      store = await subject.open();
      // A composite index too (filter, then sort key): the answers must not change with it.
      await store.ensureCollections([
        { name: 'things', indexes: ['district', 'rank', 'nested.at', ['district', 'rank']] },
      ]);
    });

    afterEach(async () => {
      await subject.cleanup();
    });

    const seed = (docs: Doc[]) =>
      store.applyBatch('p', { from: 0, to: docs.length }, async (w) => {
        for (const doc of docs) await w.put('things', String(doc.id), doc);
      });

    it('filters on equality, comparisons, in, nulls, booleans and dotted fields', async () => {
      await seed([
        { id: 'a', district: 'siming', rank: 1, open: true, due: null, nested: { at: '2023-01-01' } },
        { id: 'b', district: 'huli', rank: 2, open: false, due: '2023-02-01', nested: { at: '2023-02-01' } },
        { id: 'c', district: 'siming', rank: 3, open: true, due: '2023-03-01', nested: { at: '2023-03-01' } },
      ]);
      const ids = async (where: Parameters<ReadStore['count']>[1]) =>
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
      expect(await store.get('things', 'b')).toMatchObject({
        district: 'huli',
        nested: { at: '2023-02-01' },
      });
      expect(await store.get('things', 'zz')).toBeNull();
    });

    it('counts, of the documents matching a filter, those matching each of several more, in one call', async () => {
      await seed([
        { id: 'a', district: 'siming', rank: 1, open: true, due: null, nested: { at: '2023-01-01' } },
        { id: 'b', district: 'huli', rank: 2, open: false, due: '2023-02-01', nested: { at: '2023-02-01' } },
        { id: 'c', district: 'siming', rank: 3, open: true, due: '2023-03-01', nested: { at: '2023-03-01' } },
        {
          id: 'd',
          district: 'siming',
          rank: 3,
          open: false,
          due: '2023-04-01',
          nested: { at: '2023-04-01' },
        },
      ]);
      const siming = [{ field: 'district', op: '=', value: 'siming' }] as const;
      expect(
        await store.countEach(
          'things',
          [...siming],
          [
            [],
            [{ field: 'open', op: '=', value: true }],
            [
              { field: 'rank', op: '=', value: 3 },
              { field: 'due', op: '<', value: '2023-03-15' },
            ],
            [{ field: 'due', op: 'is-null' }],
            [{ field: 'district', op: 'in', value: [] }],
            [{ field: 'due', op: '!=', value: '2023-04-01' }],
          ],
        ),
      ).toEqual([3, 2, 1, 1, 0, 2]);
      // Nothing to count, and no filter at all.
      expect(await store.countEach('things', [...siming], [])).toEqual([]);
      expect(await store.countEach('things', [], [[], [{ field: 'rank', op: '>', value: 1 }]])).toEqual([
        4, 3,
      ]);
      expect(await store.countEach('nothing_here', [], [[]])).toEqual([0]);
      await expect(
        store.countEach('things', [], [[{ field: 'a;drop', op: '=', value: 1 }]]),
      ).rejects.toMatchObject({ name: 'InvalidQueryError', field: 'a;drop' });
    });

    it('refuses field names that could smuggle SQL', async () => {
      await expect(
        store.find('things', { orderBy: [{ field: "x') OR 1=1 --", direction: 'asc' }] }),
      ).rejects.toThrow();
      await expect(
        store.find('things', { orderBy: [], where: [{ field: 'a;drop', op: '=', value: 1 }] }),
      ).rejects.toMatchObject({ name: 'InvalidQueryError', field: 'a;drop' });
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

        // Filtered, in pages that end just before and just after the NULLs begin.
        const where = [{ field: 'district', op: '=' as const, value: 'huli' }];
        const whole = (
          await store.find('things', { where, orderBy: [{ field: 'rank', direction }], limit: 500 })
        ).items;
        for (const limit of [3, 7, 18, 19]) {
          const paged: string[] = [];
          let next: string | null = null;
          do {
            const page: { items: Doc[]; nextCursor: string | null } = await store.find('things', {
              where,
              orderBy: [{ field: 'rank', direction }],
              limit,
              cursor: next,
            });
            paged.push(...page.items.map((d) => String(d.id)));
            next = page.nextCursor;
          } while (next);
          expect(paged).toEqual(whole.map((d) => d.id));
        }
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
      await expect(store.find('things', { orderBy: [], cursor: 'garbage' })).rejects.toMatchObject({
        name: 'InvalidQueryError',
        field: 'cursor',
      });
    });

    it('rolls back documents and checkpoint when the batch fails', async () => {
      await store.applyBatch('p', { from: 0, to: 5 }, async (w) => w.put('things', 'a', { id: 'a', v: 1 }));
      await expect(
        store.applyBatch('p', { from: 5, to: 9 }, async (w) => {
          await w.put('things', 'a', { id: 'a', v: 2 });
          await w.put('things', 'b', { id: 'b', v: 2 });
          throw new Error('projection bug');
        }),
      ).rejects.toThrow('projection bug');
      expect(await store.get('things', 'a')).toEqual({ id: 'a', v: 1 });
      expect(await store.get('things', 'b')).toBeNull();
      expect(await store.checkpoint('p')).toBe(5);
      // The writer is usable again after a rollback.
      await store.applyBatch('p', { from: 5, to: 10 }, async (w) => w.put('things', 'b', { id: 'b', v: 3 }));
      expect(await store.checkpoint('p')).toBe(10);
    });

    it('does not let readers see a batch before it commits', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let written!: () => void;
      const halfway = new Promise<void>((resolve) => (written = resolve));
      const batch = store.applyBatch('p', { from: 0, to: 3 }, async (w) => {
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
    it('orders and compares numbers as numbers, and missing fields as nulls', async () => {
      await seed([
        { id: 'a', rank: 10, at: '2023-03-01T00:00:00.000Z' },
        { id: 'b', rank: 9, at: '2023-02-01T00:00:00.000Z' },
        { id: 'c', rank: 2.5 },
        { id: 'd', rank: null, at: null },
      ]);
      const order = async (field: string, direction: 'asc' | 'desc') =>
        (await store.find('things', { orderBy: [{ field, direction }] })).items.map((d) => d.id);
      expect(await order('rank', 'asc')).toEqual(['d', 'c', 'b', 'a']);
      expect(await order('rank', 'desc')).toEqual(['a', 'b', 'c', 'd']);
      expect(await order('at', 'desc')).toEqual(['a', 'b', 'c', 'd']);
      const ids = async (where: Parameters<ReadStore['count']>[1]) =>
        (await store.find('things', { where, orderBy: [] })).items.map((d) => d.id);
      expect(await ids([{ field: 'rank', op: '>', value: 9 }])).toEqual(['a']);
      expect(await ids([{ field: 'rank', op: 'in', value: [10, 2.5] }])).toEqual(['a', 'c']);
      expect(await ids([{ field: 'at', op: 'is-null' }])).toEqual(['c', 'd']);
      expect(await ids([{ field: 'at', op: 'not-null' }])).toEqual(['a', 'b']);
      expect(await ids([{ field: 'rank', op: '!=', value: 9 }])).toEqual(['a', 'c', 'd']);
    });

    it('clamps the page size to 1..500', async () => {
      await seed(Array.from({ length: 3 }, (_, i) => ({ id: `x${i}` })));
      const zero = await store.find('things', { orderBy: [], limit: 0 });
      expect(zero.items).toHaveLength(1);
      expect(zero.nextCursor).not.toBeNull();
      expect((await store.find('things', { orderBy: [], limit: 10_000 })).items).toHaveLength(3);
    });

    it('refuses a batch whose `from` is stale and changes nothing', async () => {
      await store.applyBatch('p', { from: 0, to: 5 }, async (w) => w.put('things', 'a', { id: 'a', v: 1 }));
      let ran = false;
      const stale = store.applyBatch('p', { from: 3, to: 8 }, async (w) => {
        ran = true;
        await w.put('things', 'a', { id: 'a', v: 2 });
      });
      await expect(stale).rejects.toBeInstanceOf(CheckpointMovedError);
      await expect(stale).rejects.toMatchObject({ projection: 'p', expected: 3, actual: 5 });
      expect(ran).toBe(false);
      expect(await store.get('things', 'a')).toEqual({ id: 'a', v: 1 });
      expect(await store.checkpoint('p')).toBe(5);
      // A projection never run is at 0: a first batch must start there.
      await expect(store.applyBatch('q', { from: 2, to: 4 }, async () => undefined)).rejects.toMatchObject({
        expected: 2,
        actual: 0,
      });
      expect(await store.checkpoint('q')).toBe(0);
      await expect(store.applyBatch('p', { from: 5, to: 4 }, async () => undefined)).rejects.toThrow(
        RangeError,
      );
    });

    it('fences a second process: its batch from the old checkpoint fails once the first moved it', async () => {
      const other = await subject.open();
      await store.applyBatch('p', { from: 0, to: 4 }, async (w) =>
        w.put('things', 'n', { id: 'n', count: 1 }),
      );
      await expect(
        other.applyBatch('p', { from: 0, to: 4 }, async (w) => w.put('things', 'n', { id: 'n', count: 2 })),
      ).rejects.toMatchObject({ name: 'CheckpointMovedError', actual: 4 });
      expect(await other.get('things', 'n')).toEqual({ id: 'n', count: 1 });
      await other.applyBatch('p', { from: 4, to: 6 }, async (w) =>
        w.put('things', 'n', { id: 'n', count: 3 }),
      );
      expect(await store.checkpoint('p')).toBe(6);
    });

    it('lists every checkpoint at once; a reset one is gone', async () => {
      expect(await store.checkpoints()).toEqual({});
      await store.applyBatch('p', { from: 0, to: 7 }, async () => undefined);
      await store.applyBatch('q', { from: 0, to: 3 }, async () => undefined);
      expect(await store.checkpoints()).toEqual({ p: 7, q: 3 });
      await store.reset('q', []);
      expect(await store.checkpoints()).toEqual({ p: 7 });
    });

    it('moves several checkpoints in one batch, or none of them when one is stale', async () => {
      await store.applyBatch('q', { from: 0, to: 2 }, async () => undefined);
      await store.applyBatches(
        [
          { projection: 'p', from: 0, to: 5 },
          { projection: 'q', from: 2, to: 5 },
        ],
        async (w) => void (await w.put('things', 'a', { id: 'a', rank: 1 })),
      );
      expect(await store.checkpoints()).toEqual({ p: 5, q: 5 });
      const stale = store.applyBatches(
        [
          { projection: 'p', from: 5, to: 9 },
          { projection: 'q', from: 2, to: 9 },
        ],
        async (w) => void (await w.put('things', 'b', { id: 'b', rank: 2 })),
      );
      await expect(stale).rejects.toBeInstanceOf(CheckpointMovedError);
      await expect(stale).rejects.toMatchObject({ projection: 'q', expected: 2, actual: 5 });
      expect(await store.checkpoints()).toEqual({ p: 5, q: 5 });
      expect(await store.get('things', 'b')).toBeNull();
    });

    it('an open-ended batch moves its checkpoints to where its writer says it stopped', async () => {
      await store.applyBatch('q', { from: 0, to: 2 }, async () => undefined);
      await store.applyOpenBatches(
        [
          { projection: 'p', from: 0 },
          { projection: 'q', from: 2 },
        ],
        async (w) => {
          await w.put('things', 'a', { id: 'a', rank: 1 });
          // Written and read back in the same transaction, as a rebuild does mid-way.
          expect(await w.get('things', 'a')).toEqual({ id: 'a', rank: 1 });
          return 8;
        },
      );
      expect(await store.checkpoints()).toEqual({ p: 8, q: 8 });
      expect(await store.get('things', 'a')).toEqual({ id: 'a', rank: 1 });
    });

    it('an open-ended batch changes nothing when stale, or when it stops before its start', async () => {
      await store.applyBatch('p', { from: 0, to: 5 }, async () => undefined);
      const stale = store.applyOpenBatches([{ projection: 'p', from: 3 }], async (w) => {
        await w.put('things', 'a', { id: 'a' });
        return 9;
      });
      await expect(stale).rejects.toMatchObject({ projection: 'p', expected: 3, actual: 5 });
      const backwards = store.applyOpenBatches([{ projection: 'p', from: 5 }], async (w) => {
        await w.put('things', 'b', { id: 'b' });
        return 4;
      });
      await expect(backwards).rejects.toBeInstanceOf(RangeError);
      expect(await store.checkpoints()).toEqual({ p: 5 });
      expect(await store.get('things', 'a')).toBeNull();
      expect(await store.get('things', 'b')).toBeNull();
    });

    it('scans every match exactly once, in pages of at most the size asked for', async () => {
      const docs = Array.from({ length: 23 }, (_, i) => ({
        id: `d${String(22 - i).padStart(2, '0')}`,
        district: i % 3 === 0 ? 'huli' : 'siming',
        open: i % 4 !== 0,
      }));
      await seed(docs);
      const scanned = async (query: Parameters<ReadStore['scan']>[1]) => {
        const pages: string[][] = [];
        for await (const page of store.scan<{ id: string }>('things', query))
          pages.push(page.map((d) => d.id));
        return pages;
      };
      const idsOf = (where: (d: (typeof docs)[number]) => boolean) =>
        docs
          .filter(where)
          .map((d) => d.id)
          .sort();

      const all = await scanned({ pageSize: 5 });
      expect(all.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
      expect(all.flat().sort()).toEqual(idsOf(() => true));
      // An equality on an indexed field, a boolean, and "not equal" (missing counts as not equal).
      const siming = await scanned({ where: [{ field: 'district', op: '=', value: 'siming' }], pageSize: 4 });
      expect(siming.flat().sort()).toEqual(idsOf((d) => d.district === 'siming'));
      expect(siming.every((p) => p.length <= 4)).toBe(true);
      const open = await scanned({ where: [{ field: 'open', op: '=', value: true }], pageSize: 3 });
      expect(open.flat().sort()).toEqual(idsOf((d) => d.open));
      const notClosed = await scanned({ where: [{ field: 'open', op: '!=', value: false }] });
      expect(notClosed).toHaveLength(1);
      expect(notClosed.flat().sort()).toEqual(idsOf((d) => d.open));
      expect(await scanned({ where: [{ field: 'district', op: '=', value: 'jimei' }] })).toEqual([]);
      // A page exactly full at the end, then nothing more.
      expect((await scanned({ pageSize: 23 })).map((p) => p.length)).toEqual([23]);
    });

    it('scans a document rewritten during the scan once, and an unknown collection as empty', async () => {
      await seed(Array.from({ length: 6 }, (_, i) => ({ id: `d${i}`, rank: i })));
      const seen: string[] = [];
      let rewritten = false;
      for await (const page of store.scan<{ id: string }>('things', { pageSize: 2 })) {
        seen.push(...page.map((d) => d.id));
        if (rewritten) continue;
        rewritten = true;
        // Every document rewritten after the first page: none moves to be read again.
        await store.applyBatch('p', { from: 6, to: 7 }, async (w) => {
          for (let i = 0; i < 6; i++) await w.put('things', `d${i}`, { id: `d${i}`, rank: 10 + i });
        });
      }
      expect(seen.sort()).toEqual(['d0', 'd1', 'd2', 'd3', 'd4', 'd5']);
      const none: unknown[] = [];
      for await (const page of store.scan('never_created')) none.push(...page);
      expect(none).toEqual([]);
    });

    it('answers the same with a partial index, whose kept values are written into it', async () => {
      // A value with a quote in it: the index's definition holds it as text.
      const done: Filter = { field: 'status', op: '!=', value: "won't fix" };
      const spec = [
        { name: 'tasks', indexes: [{ name: 'live', fields: ['district', 'rank'], where: [done] }] },
      ];
      await store.ensureCollections(spec);
      await store.applyBatch('p', { from: 0, to: 4 }, async (w) => {
        await w.put('tasks', 'a', { id: 'a', district: 'siming', rank: 2, status: 'open' });
        await w.put('tasks', 'b', { id: 'b', district: 'siming', rank: 1, status: "won't fix" });
        await w.put('tasks', 'c', { id: 'c', district: 'huli', rank: 3 });
        await w.put('tasks', 'd', { id: 'd', district: 'siming', rank: 3, status: 'open' });
      });
      const live = async (where: Filter[]) =>
        (await store.find('tasks', { where, orderBy: [{ field: 'rank', direction: 'desc' }] })).items.map(
          (d) => d.id,
        );
      const siming: Filter = { field: 'district', op: '=', value: 'siming' };
      expect(await live([done])).toEqual(['c', 'd', 'a']);
      expect(await live([siming, done])).toEqual(['d', 'a']);
      // The same field with another value, and no filter: the index must not narrow them.
      expect(await live([{ field: 'status', op: '!=', value: 'open' }])).toEqual(['c', 'b']);
      expect(await live([siming])).toEqual(['d', 'a', 'b']);
      expect(await store.countEach('tasks', [done], [[], [siming]])).toEqual([3, 2]);
      await store.dropIndexes(spec);
      await store.ensureCollections(spec);
      expect(await store.count('tasks', [siming, done])).toBe(2);
      await expect(
        store.ensureCollections([
          { name: 'tasks', indexes: [{ name: 'x;y', fields: ['rank'], where: [done] }] },
        ]),
      ).rejects.toThrow(/invalid index name/);
    });

    it('answers the same queries with its indexes dropped and built again', async () => {
      await seed([
        { id: 'a', district: 'siming', rank: 2 },
        { id: 'b', district: 'huli', rank: 1 },
      ]);
      const spec = [{ name: 'things', indexes: ['district', 'rank', 'nested.at', ['district', 'rank']] }];
      await store.dropIndexes(spec);
      const query = { where: [{ field: 'district', op: '=' as const, value: 'siming' }], orderBy: [] };
      expect((await store.find('things', query)).items.map((d) => d.id)).toEqual(['a']);
      await store.ensureCollections(spec);
      await store.dropIndexes(spec);
      await store.ensureCollections(spec);
      expect(
        (await store.find('things', { orderBy: [{ field: 'rank', direction: 'asc' }] })).items.map(
          (d) => d.id,
        ),
      ).toEqual(['b', 'a']);
    });
  });
}
