import { adminQuery } from '../event-store/postgres-test-schema';
import { aReport, startTestApp, testConfig, type TestApp } from './test-app';

/**
 * Two engines on one PostgreSQL schema, as two processes behind a load balancer would run:
 * commands through either, projections applied by whichever holds the lease, and the other
 * taking over when the holder goes away.
 */
describe('two engines sharing PostgreSQL', () => {
  let a: TestApp;
  let b: TestApp;
  const waitFor = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 100));
  };

  beforeAll(async () => {
    const config = testConfig('postgres');
    a = await startTestApp('postgres', config);
    b = await startTestApp('postgres', { ...config });
  });
  afterAll(async () => {
    await a.close();
    await b.destroy();
  });

  it('takes commands through both, projects once, and fails over when the leader stops', async () => {
    const roles = async () => [
      (await a.get('/health')).body.projections.role,
      (await b.get('/health')).body.projections.role,
    ];
    await waitFor(async () => (await roles()).includes('leader'));
    expect((await roles()).sort()).toEqual(['follower', 'leader']);

    const viaA = await a.post('/issues', aReport({ district: 'tongan' }));
    const viaB = await b.post('/issues', aReport({ district: 'tongan' }));
    expect(viaB.body.position).toBeGreaterThan(viaA.body.position);
    // Both engines answer read-your-writes for either's command, leader or follower.
    for (const engine of [a, b]) {
      const board = await engine.get(`/issues?district=tongan&minPosition=${viaB.body.position}`);
      expect(board.body.items.map((i: { id: string }) => i.id).sort()).toEqual(
        [viaA.body.issueId, viaB.body.issueId].sort(),
      );
    }
    const day = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const row = (await b.get(`/groups/performance?period=${day}`)).body.rows.find(
      (r: { district: string }) => r.district === 'tongan',
    );
    expect(row.reported).toBe(2);

    const [leader, follower] = (await roles())[0] === 'leader' ? [a, b] : [b, a];
    await leader.close();
    await waitFor(async () => (await follower.get('/health')).body.projections.role === 'leader');
    expect((await follower.get('/health')).body.projections.role).toBe('leader');
    const after = await follower.post('/issues', aReport({ district: 'tongan' }));
    const board = await follower.get(`/issues?district=tongan&minPosition=${after.body.position}`);
    expect(board.body.items).toHaveLength(3);
    const again = (await follower.get(`/groups/performance?period=${day}`)).body.rows.find(
      (r: { district: string }) => r.district === 'tongan',
    );
    expect(again.reported).toBe(3);
  });
});

describe('an engine on PostgreSQL when the database drops its connections', () => {
  it('reconnects by itself: commands, projections and the lease come back', async () => {
    // Escalation off: its scheduler retries through the outage like everything else, and a
    // batch still retrying at shutdown would queue checks after the test removed its keys.
    const base = testConfig('postgres', undefined, undefined, { ESCALATION: 'off' });
    const name = `e2e_${base.databaseSchema}`.slice(0, 60);
    const config = { ...base, databaseUrl: `${base.databaseUrl}?application_name=${name}` };
    const t = await startTestApp('postgres', config);
    try {
      const before = await t.post('/issues', aReport({ district: 'jimei' }));
      expect(before.status).toBe(201);
      const killed = await adminQuery<{ pid: number }>(
        'SELECT pg_terminate_backend(pid) AS pid FROM pg_stat_activity WHERE application_name = $1',
        [name],
      );
      expect(killed.length).toBeGreaterThan(0);

      // The first command may meet a dead pooled connection and answer 503; a retry with the
      // same Idempotency-Key lands exactly once.
      let after = await t.post('/issues', aReport({ district: 'jimei' }), {
        'idempotency-key': 'after-outage',
      });
      for (let i = 0; i < 20 && after.status === 503; i++) {
        await new Promise((r) => setTimeout(r, 200));
        after = await t.post('/issues', aReport({ district: 'jimei' }), {
          'idempotency-key': 'after-outage',
        });
      }
      expect(after.status).toBe(201);
      const board = await t.get(`/issues?district=jimei&minPosition=${after.body.position}`);
      expect(board.status).toBe(200);
      expect(board.body.items).toHaveLength(2);
      expect((await t.get('/health')).body).toMatchObject({ ready: true, projections: { role: 'leader' } });
    } finally {
      await t.destroy();
    }
  });
});
