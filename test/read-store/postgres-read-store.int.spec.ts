import { PostgresReadStore } from '../../src/read-store/postgres-read-store';
import { countEachSql } from '../../src/read-store/count-each-sql';
import { whereSql } from '../../src/read-store/postgres-read-store-sql';
import { OPEN_ISSUES_INDEX } from '../../projections/issue-status/projection';
import { issueCountFilters } from '../../projections/issue-status/queries';
import { CheckpointMovedError } from '../../src/ports/read-store';
import { adminQuery, dropSchema, freshSchemaName, TEST_PG_URL } from '../event-store/postgres-test-schema';
import { runReadStoreContract } from './read-store.contract';

/** Every schema this file made, dropped at the end even if a test failed half-way. */
const schemas: string[] = [];
afterAll(async () => {
  for (const schema of schemas) await dropSchema(schema);
});

/** Each test gets its own fresh schema: tests (and other runs on this server) never share tables. */
const freshStore = () => {
  const schema = freshSchemaName('rs_test');
  schemas.push(schema);
  const opened: PostgresReadStore[] = [];
  return {
    schema,
    open: async () => {
      opened.push(await PostgresReadStore.connect({ connectionString: TEST_PG_URL, schema, poolSize: 4 }));
      return opened[opened.length - 1];
    },
    cleanup: async () => {
      for (const store of opened.splice(0)) await store.close();
      await dropSchema(schema);
    },
  };
};

runReadStoreContract('PostgreSQL', async () => freshStore());

describe('PostgresReadStore specifics', () => {
  it('lets exactly one of many concurrent writers apply the same batch, first batch or later', async () => {
    const place = freshStore();
    try {
      const stores = await Promise.all(Array.from({ length: 6 }, () => place.open()));
      await stores[0].ensureCollections([{ name: 'counters' }]);
      // Round 1 races on a checkpoint row that does not exist yet, round 2 on an existing one.
      for (const from of [0, 1]) {
        const results = await Promise.allSettled(
          stores.map((store) =>
            store.applyBatch('p', { from, to: from + 1 }, async (w) => {
              const doc = await w.get<{ id: string; n: number }>('counters', 'c');
              // Yield between read and write, so the writers really overlap.
              await new Promise((resolve) => setTimeout(resolve, 20));
              await w.put('counters', 'c', { id: 'c', n: (doc?.n ?? 0) + 1 });
            }),
          ),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results)
          if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(CheckpointMovedError);
        expect(await stores[1].get('counters', 'c')).toEqual({ id: 'c', n: from + 1 });
        expect(await stores[2].checkpoint('p')).toBe(from + 1);
      }
    } finally {
      await place.cleanup();
    }
  });

  it('keeps documents as jsonb with expression indexes the planner can use', async () => {
    const place = freshStore();
    try {
      const store = await place.open();
      await store.ensureCollections([{ name: 'things', indexes: ['district', 'nested.at'] }]);
      const columns = await adminQuery<{ column_name: string; data_type: string }>(
        'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position',
        [place.schema, 'things'],
      );
      expect(columns).toEqual([
        { column_name: 'id', data_type: 'text' },
        { column_name: 'doc', data_type: 'jsonb' },
      ]);
      const indexes = () =>
        adminQuery<{ indexname: string; indexdef: string }>(
          "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname LIKE 'ix\\_%' ORDER BY 1",
          [place.schema],
        );
      expect((await indexes()).map((i) => i.indexname)).toEqual([
        'ix_things_district__id',
        'ix_things_nested_at__id',
      ]);
      // Each ends in the id, the tie-breaker every page is ordered by.
      for (const { indexdef } of await indexes()) expect(indexdef).toMatch(/NULLS FIRST, id\)$/);

      // An index the collection no longer declares is dropped; a spec without indexes leaves them.
      await store.ensureCollections([{ name: 'things', indexes: [['district', 'nested.at']] }]);
      expect((await indexes()).map((i) => i.indexname)).toEqual(['ix_things_district__nested_at__id']);
      await store.ensureCollections([{ name: 'things' }]);
      expect(await indexes()).toHaveLength(1);
    } finally {
      await place.cleanup();
    }
  });

  it("keeps statistics of a partial index's filter, so the city's counters come from the open issues' index", async () => {
    const place = freshStore();
    try {
      const store = await place.open();
      const issues = `"${place.schema}".issues`;
      await store.ensureCollections([{ name: 'issues', indexes: [] }]);
      // An archive: 20,000 issues, 50 of them open, analysed as autovacuum would.
      await adminQuery(
        `INSERT INTO ${issues} SELECT 'i' || g, jsonb_build_object(
           'status', CASE WHEN g % 400 = 0 THEN 'reported' ELSE 'closed' END,
           'district', 'siming', 'reportedAt', '2023-07-01T00:00:00.000Z', 'escalationLevel', 0)
         FROM generate_series(1, 20000) g`,
      );
      await adminQuery(`ANALYZE ${issues}`);
      // The board's counters for the whole city, as the issues' queries ask for them.
      const { sql, params } = countEachSql(issues, issueCountFilters({}), [[]], whereSql);
      const plan = async () =>
        (await adminQuery<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params))
          .map((r) => r['QUERY PLAN'])
          .join('\n');
      const statistics = () =>
        adminQuery<{ stxname: string }>(
          'SELECT s.stxname FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace WHERE n.nspname = $1',
          [place.schema],
        );
      expect(await plan()).toContain('Seq Scan');

      // Declaring the partial index brings its filter's statistics, analysed at once.
      await store.ensureCollections([{ name: 'issues', indexes: [OPEN_ISSUES_INDEX] }]);
      expect(await statistics()).toEqual([{ stxname: 'st_issues_status' }]);
      expect(await plan()).toContain('ix_issues_open__district__reportedAt__id');
      expect(await plan()).not.toContain('Seq Scan');

      // A bulk load drops them with the indexes; building the indexes again analyses the load.
      await store.dropIndexes([{ name: 'issues', indexes: [OPEN_ISSUES_INDEX] }]);
      expect(await statistics()).toEqual([]);
      await store.ensureCollections([{ name: 'issues', indexes: [OPEN_ISSUES_INDEX] }]);
      expect(await statistics()).toEqual([{ stxname: 'st_issues_status' }]);
      // A collection that no longer keeps the partial index loses its statistics too.
      await store.ensureCollections([{ name: 'issues', indexes: ['district'] }]);
      expect(await statistics()).toEqual([]);
    } finally {
      await place.cleanup();
    }
  });

  it('says what it could not reach, where (without the password) and how to fix it', async () => {
    const error = await PostgresReadStore.connect({
      connectionString: 'postgres://postgres:s3cret@127.0.0.1:1/test',
    }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(
      /PostgreSQL read store: cannot connect to postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/test/,
    );
    expect(error?.message).toMatch(/ECONNREFUSED/);
    expect(error?.message).toMatch(/READ_STORE=sqlite/);
    expect(error?.message).not.toMatch(/s3cret/);
  });
});
