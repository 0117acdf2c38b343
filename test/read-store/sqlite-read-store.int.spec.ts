import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Database from 'better-sqlite3';
import {
  OPEN_BY_DUE_INDEX,
  OPEN_ISSUE,
  OPEN_ISSUES_INDEX,
  issueStatusProjection,
} from '../../projections/issue-status/projection';
import { indexFields, type Filter } from '../../src/ports/read-store';
import { SqliteReadStore } from '../../src/read-store/sqlite-read-store';
import { encodeCursor } from '../../src/ports/page-cursor';
import { findStatements, whereSql, type SqlValue } from '../../src/read-store/sqlite-read-store-sql';
import { runReadStoreContract } from './read-store.contract';

runReadStoreContract('SQLite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-store-'));
  const opened: SqliteReadStore[] = [];
  return {
    open: async () => {
      opened.push(SqliteReadStore.open(path.join(dir, 'read.db')));
      return opened[opened.length - 1];
    },
    cleanup: async () => {
      for (const store of opened) await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteReadStore: the board’s plans (the open issues’ partial index, pages after the first)', () => {
  let dir: string;
  let store: SqliteReadStore;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-store-plan-'));
    store = SqliteReadStore.open(path.join(dir, 'read.db'));
    await store.ensureCollections(issueStatusProjection.collections);
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** What SQLite's planner does with a statement of the store's, its values bound as the store binds them. */
  function explain(sql: string, params: SqlValue[]): string {
    const db = new Database(path.join(dir, 'read.db'), { readonly: true });
    try {
      const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>;
      return rows.map((r) => r.detail).join(' | ');
    } finally {
      db.close();
    }
  }

  function plan(where: Filter[]): string {
    const params: SqlValue[] = [];
    return explain(`SELECT COUNT(*) FROM issues WHERE ${whereSql(where, params).join(' AND ')}`, params);
  }

  it('is what the counters, the 未销号 list and the overdue count read, values bound as parameters', () => {
    const index = `ix_issues_${indexFields(OPEN_ISSUES_INDEX).suffix}`;
    const siming: Filter = { field: 'district', op: '=', value: 'siming' };
    // The city's open issues: either index of the open ones holds them all.
    expect(plan([OPEN_ISSUE])).toMatch(/USING INDEX ix_issues_open__/);
    expect(plan([siming, OPEN_ISSUE, { field: 'escalationLevel', op: '>', value: 0 }])).toContain(index);
    expect(plan([siming, OPEN_ISSUE, { field: 'nextDueAt', op: '<', value: '2026-01-01' }])).toContain(index);
    // The due-soon light: its due-key range over the open issues only.
    const yellow: Filter[] = [
      { field: 'dueKey', op: '>=', value: '2026-12-03T00:00:00.000Z' },
      { field: 'warned', op: '=', value: true },
      OPEN_ISSUE,
    ];
    expect(plan(yellow)).toContain(`USING INDEX ix_issues_${indexFields(OPEN_BY_DUE_INDEX).suffix}`);
    // Not for another status: those are not all in it.
    expect(plan([{ field: 'status', op: '!=', value: 'reported' }])).not.toContain(index);
    expect(plan([{ field: 'status', op: '=', value: 'closed' }])).not.toContain(index);
  });

  it('reads a page after the first as a range of its sort key’s index, in either direction', () => {
    const cursor = encodeCursor(['2026-03-01T00:00:00.000Z', 'some-issue']);
    for (const orderBy of [
      [{ field: 'reportedAt', direction: 'desc' as const }],
      [{ field: 'dueKey', direction: 'asc' as const }],
    ]) {
      const { page } = findStatements('issues', { orderBy, cursor }, 20);
      const planned = explain(page.sql, page.params);
      // An OR over the keyset's branches made SQLite read and sort every row on either side.
      expect(planned).not.toContain('MULTI-INDEX OR');
      expect(planned).toMatch(
        new RegExp(`SEARCH issues USING INDEX ix_issues_${orderBy[0].field} \\(<expr>[<>]\\?\\)`),
      );
    }
  });
});

describe('SqliteReadStore.adoptRebuilt (a rebuild’s scratch file taken whole)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-store-adopt-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('replaces the collections’ rows and the checkpoint with the other file’s, and refuses a moved checkpoint', async () => {
    const scratch = SqliteReadStore.open(path.join(dir, 'scratch.db'));
    await scratch.ensureCollections([{ name: 'things' }]);
    await scratch.applyBatch('p', { from: 0, to: 9 }, async (w) => {
      await w.put('things', 'a', { id: 'a', n: 1 });
      await w.put('things', 'b', { id: 'b', n: 2 });
    });
    await scratch.close();

    const store = SqliteReadStore.open(path.join(dir, 'read.db'));
    try {
      await store.ensureCollections([{ name: 'things', indexes: ['n'] }]);
      await store.applyBatch('q', { from: 0, to: 3 }, (w) => w.put('things', 'old', { id: 'old', n: 0 }));
      await store.adoptRebuilt(path.join(dir, 'scratch.db'), [
        { name: 'p', collections: ['things', 'none_yet'] },
      ]);
      expect((await store.find('things', { orderBy: [{ field: 'n', direction: 'asc' }] })).items).toEqual([
        { id: 'a', n: 1 },
        { id: 'b', n: 2 },
      ]);
      expect(await store.checkpoints()).toEqual({ p: 9, q: 3 });
      expect(await store.count('none_yet')).toBe(0);

      // A projection whose checkpoint here is not 0 (something applied events meanwhile): nothing is taken.
      await expect(
        store.adoptRebuilt(path.join(dir, 'scratch.db'), [{ name: 'q', collections: ['things'] }]),
      ).rejects.toMatchObject({ name: 'CheckpointMovedError' });
      expect(await store.count('things')).toBe(2);
      // The scratch file was detached after each call, so it attaches again.
      await store.adoptRebuilt(path.join(dir, 'scratch.db'), [{ name: 'p2', collections: ['things'] }]);
    } finally {
      await store.close();
    }
  });
});
