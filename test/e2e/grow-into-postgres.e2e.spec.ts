import { openEventStore } from '../../src/config/open-stores';
import { loadDemo } from '../../src/demo/load-demo';
import { copyEventLog } from '../../src/event-store/store-copy';
import { PostgresEventStore } from '../../src/event-store/postgres-event-store';
import { demoUsersClient } from './demo-client';
import { startTestApp, testConfig, type TestApp } from './test-app';

/**
 * Growing out of the embedded store: a quarter of work on SQLite, the log copied into
 * PostgreSQL (in two runs, as if the first was stopped), and an engine started on PostgreSQL
 * builds its projections from the copy and answers every query as the SQLite engine did.
 */
describe('from the embedded store to PostgreSQL', () => {
  let sqlite: TestApp;
  let postgres: TestApp;
  afterAll(async () => {
    await sqlite?.destroy();
    await postgres?.destroy();
  });

  const answers = async (t: TestApp, head: number) => {
    // On a loaded machine the projections may not reach `head` within the read-your-writes wait
    // (503, "retry shortly"): retry until they do, then compare.
    const read = async (route: string) => {
      const url = `${route}${route.includes('?') ? '&' : '?'}minPosition=${head}`;
      let answer = await t.get(url);
      for (let i = 0; i < 30 && answer.status === 503; i++) answer = await t.get(url);
      return answer.body;
    };
    const board = await read('/issues?limit=500');
    const first = board.items[0].id;
    return {
      // The ranking's asOf is the time of asking; what it answers must be the same.
      q1: (await read('/groups/performance?period=2023-Q1')).rows,
      day: (await read('/groups/performance?period=2023-03-15')).rows,
      board,
      overdue: await read('/issues?overdue=true&limit=500'),
      audit: await read('/audit?limit=500&district=haicang'),
      history: await read(`/issues/${first}/history`),
      asOf: await read(`/issues/${first}/state?asOf=${encodeURIComponent(new Date().toISOString())}`),
    };
  };

  it('copies the log, resumes a stopped copy, and answers the same on PostgreSQL', async () => {
    sqlite = await startTestApp('sqlite');
    // As the demo's users: an extension the policy lets nobody grant alone is asked by one and approved by another.
    await loadDemo(await demoUsersClient(() => sqlite));
    const head = (await sqlite.get('/health')).body.eventStore.headPosition as number;
    const before = await answers(sqlite, head);
    await sqlite.close();

    const target = testConfig('postgres');
    const source = await openEventStore(sqlite.config);
    const to = await PostgresEventStore.connect({
      connectionString: target.databaseUrl,
      schema: target.databaseSchema,
    });
    try {
      const partial = await copyEventLog(source, to, { maxEvents: 250, batchSize: 100 });
      expect(partial.copied).toBe(250);
      const rest = await copyEventLog(source, to, { batchSize: 100 });
      expect(rest).toMatchObject({ alreadyOnTarget: 250, copied: head - 250, targetHead: head });
    } finally {
      await to.close();
      await source.close();
    }

    postgres = await startTestApp('postgres', target);
    expect(await answers(postgres, head)).toEqual(before);
  });
});
