import 'reflect-metadata';
import * as path from 'node:path';
import { loadConfig } from '../src/config/app-config';
import { deleteQueueKeys } from '../src/escalation/queue/queue-keys';
import { createApp } from '../src/create-app';
import { BENCH_ADMIN_PASSWORD, type FromServer, type MemoryFigures, type ToServer } from './server-protocol';

/**
 * The engine under test, in its own process so that its memory is its own and the load
 * generator does not share its event loop. Started by `server-process.ts` over IPC; the data
 * folder comes in BENCH_DATA_DIR, the stores in EVENT_STORE, READ_STORE, DATABASE_URL and
 * DATABASE_SCHEMA. Run with --expose-gc so memory is read after a full GC.
 */
const send = (message: FromServer): void => void process.send?.(message);
const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

function memory(): MemoryFigures {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  const m = process.memoryUsage();
  return {
    rssMb: mb(m.rss),
    heapUsedMb: mb(m.heapUsed),
    heapTotalMb: mb(m.heapTotal),
    externalMb: mb(m.external),
  };
}

async function main(): Promise<void> {
  const dataDir = process.env.BENCH_DATA_DIR;
  if (!dataDir) throw new Error('BENCH_DATA_DIR is not set');
  // The groups file is found from this file, not the working directory, so the benchmark
  // runs from anywhere.
  const groupsFile = path.resolve(__dirname, '..', '..', 'config', 'work-groups.json');
  // Only the store variables pass through (set explicitly by the parent for each setup), so a
  // PORT or DATA_DIR in the shell cannot change what is measured.
  const { EVENT_STORE, READ_STORE, DATABASE_URL, DATABASE_SCHEMA, REDIS_URL, WEB_DIR } = process.env;
  // A queue prefix of its own, deleted on stop: the benchmark's checks must never reach an
  // engine on the default prefix (they would name issues that engine does not have).
  const ESCALATION_QUEUE_PREFIX = `bench-${process.pid}-${Date.now().toString(36)}`;
  const env = {
    EVENT_STORE,
    READ_STORE,
    DATABASE_URL,
    DATABASE_SCHEMA,
    REDIS_URL,
    // The web page's benchmark serves the built page (bench/web).
    WEB_DIR,
    ESCALATION_QUEUE_PREFIX,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    GROUPS_FILE: groupsFile,
    // The command-path benchmark runs one engine with automatic escalation off, to tell its cost apart.
    ESCALATION: process.env.BENCH_ESCALATION || 'on',
    // The command-throughput benchmark compares the projector in its worker thread and on this one.
    PROJECTIONS_THREAD: process.env.PROJECTIONS_THREAD || 'worker',
    ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
  };
  const config = { ...loadConfig(env), dataDir };
  const app = await createApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as { port: number };
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= app
      .close()
      .then(
        async () => void (await deleteQueueKeys(config.escalation.redisUrl, config.escalation.queuePrefix)),
      ));
  process.on('message', (message: ToServer) => {
    if (message.type === 'memory') send({ type: 'memory', memory: memory() });
    if (message.type === 'stop') {
      void close().then(() =>
        process.send?.({ type: 'stopped' } satisfies FromServer, () => process.exit(0)),
      );
    }
  });
  // Without a parent there is nobody to stop us: leave rather than linger.
  process.on('disconnect', () => void close().finally(() => process.exit(0)));
  send({ type: 'ready', port });
}

main().catch((error: unknown) => {
  send({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
