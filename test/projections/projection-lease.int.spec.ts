import { randomBytes } from 'node:crypto';
import { postgresLease, type ProjectionLease } from '../../src/projections-runner/projection-lease';
import { adminQuery, TEST_PG_URL } from '../event-store/postgres-test-schema';
import { waitUntil } from '../event-store/fixtures/helpers';

describe('postgresLease (advisory lock on a dedicated session)', () => {
  const leases: ProjectionLease[] = [];
  const lease = (key: string, url = TEST_PG_URL) => {
    const l = postgresLease(url, key);
    leases.push(l);
    return l;
  };
  afterEach(async () => {
    for (const l of leases.splice(0)) await l.release();
  });

  it('is held by one of two contenders at a time, and passes on when released', async () => {
    const key = `lease-test:${randomBytes(6).toString('hex')}`;
    const [a, b] = [lease(key), lease(key)];
    expect(await a.tryAcquire()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    expect(await a.tryAcquire()).toBe(true);
    expect([a.isHeld(), b.isHeld()]).toEqual([true, false]);
    // Another key is another lease.
    expect(await lease(`${key}:other`).tryAcquire()).toBe(true);
    await a.release();
    await a.release();
    expect(a.isHeld()).toBe(false);
    expect(await b.tryAcquire()).toBe(true);
    expect(await a.tryAcquire()).toBe(false);
  });

  it('is lost when its connection dies, and the lock goes with it', async () => {
    const key = `lease-test:${randomBytes(6).toString('hex')}`;
    const [a, b] = [lease(key), lease(key)];
    expect(await a.tryAcquire()).toBe(true);
    await adminQuery(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()',
      [`projection-lease ${key}`],
    );
    await waitUntil(() => !a.isHeld(), 'the lease to notice its connection died');
    expect(await b.tryAcquire()).toBe(true);
    expect(await a.tryAcquire()).toBe(false);
  });

  it('answers false, without throwing, while the server cannot be reached', async () => {
    const unreachable = lease('lease-test:unreachable', 'postgres://postgres@127.0.0.1:1/test');
    expect(await unreachable.tryAcquire()).toBe(false);
    expect(unreachable.isHeld()).toBe(false);
  });
});
