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
import {
  issueCountFilters,
  issueListFilters,
  type IssueListQuery,
} from '../../projections/issue-status/queries';
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

  it('reads every board filter from an index in the page’s order or from the open issues’ own, never a sort of every match', () => {
    // The planner has no statistics, so the plans are the ones an archive of 187,000 issues
    // (48 open) gets, where each of these read and sorted a large share of it (0.1–0.75 s).
    const now = new Date('2026-12-04T00:00:00.000Z');
    const board = (query: IssueListQuery, cursor: string | null = null): string => {
      const orderBy = [
        query.sort === 'due'
          ? { field: 'dueKey', direction: 'asc' as const }
          : { field: 'reportedAt', direction: 'desc' as const },
      ];
      const { statements } = findStatements(
        'issues',
        { where: issueListFilters(query, now), orderBy, cursor },
        20,
      );
      const plans = statements.map(({ sql, params }) => explain(sql, params));
      // Ties of the first key are sorted (the last term), never the matches as a whole.
      for (const planned of plans) expect(planned).not.toContain('USE TEMP B-TREE FOR ORDER BY');
      return plans.join(' || ');
    };
    const afterMarch = encodeCursor(['2026-03-01T00:00:00.000Z', 'some-issue']);
    // A category or a severity with few issues (or none) is sought, not scanned for in report order.
    expect(board({ category: 'technical-difficulty' })).toContain('ix_issues_category__reportedAt__id');
    expect(board({ severity: 'critical' })).toContain('ix_issues_severity__reportedAt__id');
    expect(board({ escalationLevel: 1 })).toContain('ix_issues_escalationLevel__reportedAt__id');
    // Green and not-overdue, which every closed issue is: read in report order, not by due-key range.
    expect(board({ light: 'green' })).toContain('SCAN issues USING INDEX ix_issues_reportedAt__id');
    expect(board({ overdue: false })).toContain('SCAN issues USING INDEX ix_issues_reportedAt__id');
    // The 未销号 list, its first page and the next, and with a category: the open issues only.
    expect(board({ closed: false })).toContain('ix_issues_open__');
    expect(board({ closed: false }, afterMarch)).toContain('ix_issues_open__reportedAt__id');
    expect(board({ closed: false, category: 'technical-difficulty' })).toContain('ix_issues_open__');
    // By due time: the closed issues' one "never due" key ties them all, and the index ends in the id.
    const byDue = board({ sort: 'due' });
    expect(byDue).toContain('ix_issues_dueKey__id');
    expect(byDue).not.toContain('TEMP B-TREE');

    // The counters, with a category or a severity: over the open issues' index, not the category's.
    for (const query of [{ severity: 'high' }, { category: 'safety-emergency' }, { district: 'siming' }])
      expect(plan(issueCountFilters(query))).toContain('ix_issues_open__');
  });

  it('drops an index the collection no longer declares, and ends each in the id', async () => {
    const names = () =>
      new Database(path.join(dir, 'read.db'), { readonly: true })
        .prepare<[], { name: string; sql: string }>(
          "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'things' AND name LIKE 'ix%' ORDER BY name",
        )
        .all();
    await store.ensureCollections([{ name: 'things', indexes: ['district', 'nested.at'] }]);
    expect(names().map((i) => i.name)).toEqual(['ix_things_district__id', 'ix_things_nested_at__id']);
    for (const { sql } of names()) expect(sql).toMatch(/, id\)$/);
    await store.ensureCollections([{ name: 'things', indexes: [['district', 'nested.at']] }]);
    expect(names().map((i) => i.name)).toEqual(['ix_things_district__nested_at__id']);
    // A spec without indexes has no say in them.
    await store.ensureCollections([{ name: 'things' }]);
    expect(names()).toHaveLength(1);
  });

  it('reads a page after the first as ranges of its sort key’s index, the cursor’s tie first, in either direction', () => {
    const cursor = encodeCursor(['2026-03-01T00:00:00.000Z', 'some-issue']);
    for (const orderBy of [
      [{ field: 'reportedAt', direction: 'desc' as const }],
      [{ field: 'dueKey', direction: 'asc' as const }],
    ]) {
      const { statements } = findStatements('issues', { orderBy, cursor }, 20);
      const [tie, past, ...nulls] = statements.map(({ sql, params }) => explain(sql, params));
      const index = `SEARCH issues USING (COVERING )?INDEX ix_issues_${orderBy[0].field}__id`;
      // An OR over the keyset's branches made SQLite read and sort every row on either side,
      // and a range from the cursor's value read a large tie from its start.
      for (const planned of [tie, past]) expect(planned).not.toContain('MULTI-INDEX OR');
      expect(tie).toMatch(new RegExp(`${index} \\(<expr>=\\? AND id>\\?\\)`));
      expect(past).toMatch(new RegExp(`${index} \\(<expr>[<>]\\?\\)`));
      // Descending, the NULL keys come last, from a statement of their own.
      expect(nulls).toHaveLength(orderBy[0].direction === 'desc' ? 1 : 0);
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
