import * as path from 'node:path';
import { loadConfig } from '../../src/config/app-config';
import { defaultQueuePrefix } from '../../src/escalation/queue/queue-names';

/** The default queue prefix: one per deployment, shared by its engines, from the log they share. */
const prefixOf = (env: Record<string, string>): string => loadConfig(env).escalation.queuePrefix;

const postgres = (url: string, schema: string) => ({
  EVENT_STORE: 'postgres',
  DATABASE_URL: url,
  DATABASE_SCHEMA: schema,
});

describe('the default escalation queue prefix', () => {
  it('is the same for every engine on one PostgreSQL schema, whatever their password, read store or data folder', () => {
    const a = prefixOf({
      ...postgres('postgres://engine:one@db.bureau:5432/escalation', 'xm'),
      DATA_DIR: 'a',
    });
    const b = prefixOf({
      ...postgres('postgres://engine:two@DB.bureau/escalation?sslmode=require', 'xm'),
      READ_STORE: 'sqlite',
      DATA_DIR: 'b',
    });
    expect(a).toMatch(/^engine-[0-9a-f]{12}$/);
    expect(b).toBe(a);
  });

  it('differs between schemas, databases, hosts and ports of PostgreSQL', () => {
    const base = prefixOf(postgres('postgres://postgres@127.0.0.1:5432/test', 'siming'));
    const others = [
      prefixOf(postgres('postgres://postgres@127.0.0.1:5432/test', 'huli')),
      prefixOf(postgres('postgres://postgres@127.0.0.1:5432/other', 'siming')),
      prefixOf(postgres('postgres://postgres@10.0.0.2:5432/test', 'siming')),
      prefixOf(postgres('postgres://postgres@127.0.0.1:5433/test', 'siming')),
    ];
    expect(new Set([base, ...others]).size).toBe(5);
  });

  it('is the resolved path of the embedded event log: different folders differ, one folder however written is one', () => {
    const here = prefixOf({ DATA_DIR: 'data' });
    expect(prefixOf({ DATA_DIR: path.resolve('data') })).toBe(here);
    expect(prefixOf({ DATA_DIR: './data/../data' })).toBe(here);
    expect(prefixOf({ DATA_DIR: 'data-huli' })).not.toBe(here);
    expect(defaultQueuePrefix({ kind: 'sqlite', file: path.resolve('data', 'events.db') })).toBe(here);
  });

  it('ignores the credentials of an EventStoreDB connection string', () => {
    const esdb = (url: string) =>
      prefixOf({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: url });
    const plain = esdb('esdb://esdb.bureau:2113?tls=false');
    expect(esdb('esdb://admin:changeit@esdb.bureau:2113?tls=false')).toBe(plain);
    expect(esdb('esdb://esdb-2.bureau:2113?tls=false')).not.toBe(plain);
  });

  it('gives way to ESCALATION_QUEUE_PREFIX, and says what it was derived from when it is derived', () => {
    const explicit = loadConfig({ ESCALATION_QUEUE_PREFIX: 'engine' }).escalation;
    expect(explicit).toMatchObject({ queuePrefix: 'engine', queuePrefixDerivedFrom: null });
    const derived = loadConfig(postgres('postgres://engine:secret-pw@db.bureau/escalation', 'xm')).escalation;
    expect(derived.queuePrefixDerivedFrom).toBe('postgres db.bureau:5432/escalation schema xm');
    expect(derived.queuePrefixDerivedFrom).not.toContain('secret-pw');
  });
});
