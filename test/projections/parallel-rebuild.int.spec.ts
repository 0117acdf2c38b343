import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allProjections } from '../../projections';
import { upcastIssueEvent } from '../../src/issues/domain/issue-upcasters';
import type { Doc } from '../../src/ports/read-store';
import { rebuildInParallel, SECOND_THREAD_PROJECTIONS } from '../../src/projections-runner/parallel-rebuild';
import { rebuildProjections } from '../../src/projections-runner/rebuild';
import { SqliteReadStore } from '../../src/read-store/sqlite-read-store';
import type { WorkerStores } from '../../src/threads/worker-protocol';
import { openTempSqliteStores, type TempSqliteStores } from '../support/temp-sqlite-stores';
import { appendStored, EventLog } from './issue-events.fixture';

const DISTRICTS = ['siming', 'huli', 'jimei', 'haicang'] as const;

/** Forty issues over two months in four districts: most closed, some reopened, some escalated. */
function twoMonths(): EventLog {
  const log = new EventLog();
  for (let i = 0; i < 40; i++) {
    const id = `i${i}`;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = i < 20 ? '03' : '04';
    log.reported(id, `2023-${month}-${day}T01:00:00.000Z`, DISTRICTS[i % DISTRICTS.length]);
    log.assigned(id, 'r1', `2023-${month}-${day}T09:00:00.000Z`, `2023-${month}-${day}T02:00:00.000Z`);
    if (i % 5 === 0)
      log.add(id, 'IssueEscalated', {
        level: 1,
        trigger: 'overdue',
        reason: 'overdue',
        by: 'system:escalation',
        remediationId: 'r1',
        dueAt: `2023-${month}-${day}T09:00:00.000Z`,
        escalatedTo: null,
        occurredAt: `2023-${month}-${day}T10:00:00.000Z`,
      });
    if (i % 3 !== 0)
      log.closed(id, `2023-${month}-${day}T${String(10 + (i % 9)).padStart(2, '0')}:00:00.000Z`);
    if (i % 7 === 1) log.reopened(id, `2023-${month}-${day}T20:00:00.000Z`);
  }
  return log;
}

describe('rebuildInParallel (two threads into one SQLite read store)', () => {
  let stores: TempSqliteStores;
  let head: number;

  beforeEach(async () => {
    stores = openTempSqliteStores('parallel-rebuild-');
    head = await appendStored(stores.events, twoMonths().events);
  });
  afterEach(async () => {
    await stores.close();
  });

  /** Every table's rows as stored, and the checkpoints: two rebuilds that agree agree to the byte. */
  async function tables(store: SqliteReadStore): Promise<Record<string, Doc[]>> {
    const all: Record<string, Doc[]> = {};
    for (const { name } of allProjections.flatMap((p) => p.collections))
      all[name] = (await store.find(name, { orderBy: [], limit: 500 })).items;
    all.checkpoints = [await store.checkpoints()];
    return all;
  }

  const indexesIn = (file: string): string[] => {
    const db = new Database(file, { readonly: true });
    try {
      return db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        .pluck()
        .all() as string[];
    } finally {
      db.close();
    }
  };

  const parallel = (store: SqliteReadStore, dataDir = stores.dir, log: Partial<WorkerStores> = {}) =>
    rebuildInParallel({
      events: stores.events,
      readStore: store,
      log: {
        eventStore: 'sqlite',
        readStore: 'sqlite',
        dataDir,
        databaseUrl: '',
        databaseSchema: 'public',
        eventStoreDbUrl: null,
        ...log,
      },
      scratchFile: path.join(stores.dir, 'rebuild-scratch.db'),
      projections: allProjections,
    });

  it('makes the very read models, checkpoints and indexes a rebuild on one thread makes', async () => {
    const serialFile = path.join(stores.dir, 'serial.db');
    const serial = SqliteReadStore.open(serialFile);
    try {
      expect(await rebuildProjections(stores.events, serial, allProjections, upcastIssueEvent)).toEqual({
        position: head,
        events: head,
      });
      // Spoiled documents of both threads' projections: equal only if both really rewrote them.
      await stores.reads.ensureCollections(allProjections.flatMap((p) => p.collections));
      await stores.reads.applyBatches(
        [
          { projection: 'issue-status', from: 0, to: 0 },
          { projection: 'group-performance', from: 0, to: 0 },
        ],
        async (w) => {
          await w.put('issues', 'i1', { id: 'i1', spoiled: true });
          await w.put('group_perf', 'siming:2023-03', { id: 'siming:2023-03', spoiled: true });
        },
      );
      expect(await parallel(stores.reads)).toEqual({ position: head, events: head });
      const rebuilt = await tables(stores.reads);
      expect(rebuilt).toEqual(await tables(serial));
      expect(rebuilt.group_perf.length).toBeGreaterThan(0);
      expect(rebuilt.escalation_deadlines.length).toBe(40);
      expect(indexesIn(path.join(stores.dir, 'read-models.db'))).toEqual(indexesIn(serialFile));
      expect(fs.readdirSync(stores.dir).filter((f) => f.startsWith('rebuild-scratch'))).toEqual([]);
    } finally {
      await serial.close();
    }
  });

  it('fails, saying why, when the second thread cannot open the log; this thread still finishes', async () => {
    // A log it cannot reach: nothing listens on port 1.
    await expect(
      parallel(stores.reads, stores.dir, {
        eventStore: 'postgres',
        databaseUrl: 'postgres://x@127.0.0.1:1/x',
      }),
    ).rejects.toThrow(/^the rebuild's second thread failed: .*127\.0\.0\.1:1/);
    expect(await stores.reads.checkpoint('issue-status')).toBe(head);
    expect(await stores.reads.checkpoint('group-performance')).toBe(0);
    expect(fs.readdirSync(stores.dir).filter((f) => f.startsWith('rebuild-scratch'))).toEqual([]);
  });

  it('fails, naming the second thread, when it reads another log; its projections are left empty at 0', async () => {
    const elsewhere = fs.mkdtempSync(path.join(stores.dir, 'other-'));
    await expect(parallel(stores.reads, elsewhere)).rejects.toThrow(
      `the rebuild's second thread replayed the log to position 0, this thread to ${head}`,
    );
    for (const name of SECOND_THREAD_PROJECTIONS) expect(await stores.reads.checkpoint(name)).toBe(0);
    expect(await stores.reads.count('escalation_deadlines')).toBe(0);
    // This thread's projections are whole, and every index is there for the queries.
    expect(await stores.reads.checkpoint('issue-status')).toBe(head);
    expect(await stores.reads.count('issues')).toBe(40);
    expect(indexesIn(path.join(stores.dir, 'read-models.db'))).toContain(
      'ix_escalation_deadlines_pending__id',
    );
    expect(fs.readdirSync(stores.dir).filter((f) => f.startsWith('rebuild-scratch'))).toEqual([]);
  });
});
