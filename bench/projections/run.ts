import * as fs from 'node:fs';
import * as path from 'node:path';
import { allProjections } from '../../projections';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { upcastIssueEvent } from '../../src/issues/domain/issue-upcasters';
import { rebuildInParallel } from '../../src/projections-runner/parallel-rebuild';
import { rebuildProjections } from '../../src/projections-runner/rebuild';
import { SqliteReadStore } from '../../src/read-store/sqlite-read-store';
import type { WorkerStores } from '../../src/threads/worker-protocol';
import { machineMeta } from '../machine';
import { msSince, perSecond, tick } from '../stats';
import { freshTempDir } from '../temp-dir';
import { writeSyntheticLog } from './synthetic-log';
import { measureWriteFloor, type WriteFloor } from './write-floor';

/**
 * `npm run bench:projections`: rebuilding every read model from the embedded (SQLite) log
 * against the raw baseline measured in the same run, on the same file: reading the whole log
 * and JSON.parse-ing each event (what any rebuild must at least do). For each size in
 * BENCH_PROJECTION_EVENTS (default 200000,1000000): scan, rebuild (one thread), the same on two
 * threads (`rebuildInParallel`, what `npm run projections:rebuild` runs), scan again; the ratio
 * is a rebuild's events/s over the faster scan's. The rebuild's own rate in its first and
 * last fifth shows whether it slows as the log grows. Then the floor under it (`write-floor.ts`):
 * the rebuilt documents inserted raw and the same indexes built, plus the scan, which is as fast
 * as any rebuild into these read models on SQLite can be. Writes bench/results/projections-latest.json.
 */
const RESULTS_DIR = path.resolve(__dirname, '..', '..', '..', 'bench', 'results');
const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

interface SizeResult {
  events: number;
  /** The same two per CPU-second of this process (user + system): steadier on a loaded machine. */
  scanEventsPerCpuSecond: number;
  rebuildEventsPerCpuSecond: number;
  cpuRatio: number;
  scanEventsPerSecond: number;
  rebuildEventsPerSecond: number;
  ratio: number;
  /** Rebuild rate over the first and the last fifth of the log. */
  firstFifthEventsPerSecond: number;
  lastFifthEventsPerSecond: number;
  rebuildSeconds: number;
  /** What SQLite alone takes to write the rebuilt documents and build the indexes. */
  floor: WriteFloor & {
    /** events / (scan + insert + index): no rebuild into these documents can be faster. */
    eventsPerSecond: number;
    /** That, over the scan: the highest ratio any rebuild can reach. */
    ratio: number;
  };
  /** The rebuild's rate over the floor's. */
  rebuildToFloor: number;
  /** The same rebuild on two threads (`rebuildInParallel`), into another file. */
  twoThreads: {
    eventsPerSecond: number;
    eventsPerCpuSecond: number;
    seconds: number;
    /** Over the scan. */
    ratio: number;
    /** Over the rebuild on one thread. */
    speedUp: number;
  };
}

/** Where the rebuild's second thread finds the log: `events.db` in the bench's folder. */
const logAt = (dir: string): WorkerStores => ({
  eventStore: 'sqlite',
  readStore: 'sqlite',
  dataDir: dir,
  databaseUrl: '',
  databaseSchema: '',
  eventStoreDbUrl: null,
});

/** Process CPU (user + system, every thread), ms. */
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function scan(file: string): Promise<{ wall: number; cpu: number }> {
  const store = SqliteEventStore.open(file);
  try {
    const started = tick();
    const cpuStarted = cpuMs();
    let after = 0;
    let count = 0;
    for (;;) {
      const batch = await store.readAll({ after, maxCount: 10_000 });
      if (batch.length === 0) break;
      after = batch[batch.length - 1].position;
      count += batch.length;
    }
    return { wall: perSecond(count, msSince(started)), cpu: perSecond(count, cpuMs() - cpuStarted) };
  } finally {
    await store.close();
  }
}

/** One thread (`rebuildProjections`), or two (`rebuildInParallel`, what `npm run projections:rebuild` does on SQLite). */
async function rebuild(dir: string, file: string, total: number, threads: 1 | 2) {
  const events = SqliteEventStore.open(file);
  const readStore = SqliteReadStore.open(
    path.join(dir, threads === 1 ? 'read-models.db' : 'read-models-2.db'),
  );
  const marks: Array<{ events: number; ms: number }> = [];
  try {
    const started = tick();
    const cpuStarted = cpuMs();
    const onBatch = ({ events: n }: { events: number }) => marks.push({ events: n, ms: msSince(started) });
    if (threads === 1)
      await rebuildProjections(events, readStore, allProjections, upcastIssueEvent, { onBatch });
    else
      await rebuildInParallel({
        events,
        readStore,
        log: logAt(dir),
        scratchFile: path.join(dir, 'rebuild-scratch.db'),
        projections: allProjections,
        onBatch,
      });
    const ms = msSince(started);
    const cpu = cpuMs() - cpuStarted;
    const at = (fraction: number) =>
      marks.find((m) => m.events >= total * fraction) ?? marks[marks.length - 1];
    const first = at(0.2);
    const fourFifths = at(0.8);
    const last = marks[marks.length - 2] ?? marks[marks.length - 1];
    return {
      eventsPerSecond: perSecond(total, ms),
      eventsPerCpuSecond: perSecond(total, cpu),
      seconds: Math.round(ms / 100) / 10,
      first: perSecond(first.events, first.ms),
      // The last fifth up to the last page but one; the last page, the final commit and the
      // index build after it are in the total.
      lastFifth: perSecond(last.events - fourFifths.events, last.ms - fourFifths.ms),
    };
  } finally {
    await readStore.close();
    await events.close();
  }
}

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_PROJECTION_EVENTS ?? '200000,1000000').split(',').map(Number);
  const results: SizeResult[] = [];
  for (const size of sizes) {
    const temp = freshTempDir('projections');
    try {
      const file = path.join(temp.dir, 'events.db');
      log(`writing a log of ${size} events…`);
      const total = await writeSyntheticLog(file, size);
      log('scan + JSON.parse…');
      const scanBefore = await scan(file);
      log('rebuild…');
      const r = await rebuild(temp.dir, file, total, 1);
      log('rebuild on two threads…');
      const r2 = await rebuild(temp.dir, file, total, 2);
      log('scan + JSON.parse again…');
      const scanAfter = await scan(file);
      log('the floor: the rebuilt documents inserted raw, the indexes built…');
      const written = measureWriteFloor(path.join(temp.dir, 'read-models.db'), temp.dir);
      const scanRate = Math.max(scanBefore.wall, scanAfter.wall);
      const floorRate = perSecond(total, (total / scanRate) * 1000 + written.insertMs + written.indexMs);
      const scanCpu = Math.max(scanBefore.cpu, scanAfter.cpu);
      results.push({
        events: total,
        scanEventsPerCpuSecond: scanCpu,
        rebuildEventsPerCpuSecond: r.eventsPerCpuSecond,
        cpuRatio: Math.round((r.eventsPerCpuSecond / scanCpu) * 1000) / 1000,
        scanEventsPerSecond: scanRate,
        rebuildEventsPerSecond: r.eventsPerSecond,
        ratio: Math.round((r.eventsPerSecond / scanRate) * 1000) / 1000,
        firstFifthEventsPerSecond: r.first,
        lastFifthEventsPerSecond: r.lastFifth,
        rebuildSeconds: r.seconds,
        floor: {
          ...written,
          eventsPerSecond: floorRate,
          ratio: Math.round((floorRate / scanRate) * 1000) / 1000,
        },
        rebuildToFloor: Math.round((r.eventsPerSecond / floorRate) * 1000) / 1000,
        twoThreads: {
          eventsPerSecond: r2.eventsPerSecond,
          eventsPerCpuSecond: r2.eventsPerCpuSecond,
          seconds: r2.seconds,
          ratio: Math.round((r2.eventsPerSecond / scanRate) * 1000) / 1000,
          speedUp: Math.round((r2.eventsPerSecond / r.eventsPerSecond) * 100) / 100,
        },
      });
    } finally {
      temp.remove();
    }
  }
  const m = machineMeta();
  const lines = [
    `Projection rebuild benchmark — ${new Date().toISOString()}`,
    `CPU ${m.cpu} × ${m.cores} · Node ${m.node}`,
    '| events | scan + JSON.parse | rebuild, all projections | ratio | per CPU-second: scan | rebuild | ratio | rebuild, first fifth | last fifth |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.events} | ${r.scanEventsPerSecond} ev/s | ${r.rebuildEventsPerSecond} ev/s (${r.rebuildSeconds} s) | ${r.ratio} | ${r.scanEventsPerCpuSecond} | ${r.rebuildEventsPerCpuSecond} | ${r.cpuRatio} | ${r.firstFifthEventsPerSecond} ev/s | ${r.lastFifthEventsPerSecond} ev/s |`,
    ),
    '',
    'The rebuild on two threads (rebuildInParallel, as `npm run projections:rebuild` runs on SQLite)',
    '| events | rebuild, two threads | ratio to the scan | over one thread | per CPU-second (both threads) |',
    '| ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.events} | ${r.twoThreads.eventsPerSecond} ev/s (${r.twoThreads.seconds} s) | ${r.twoThreads.ratio} | ${r.twoThreads.speedUp}× | ${r.twoThreads.eventsPerCpuSecond} |`,
    ),
    '',
    'The floor: the rebuilt documents inserted raw into a fresh file, the same indexes built, plus the scan',
    '| events | documents | MB | raw insert | index build | floor: scan + insert + index | its ratio to the scan | rebuild / floor |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.events} | ${r.floor.rows} | ${r.floor.megabytes} | ${r.floor.insertMs} ms | ${r.floor.indexMs} ms | ${r.floor.eventsPerSecond} ev/s | ${r.floor.ratio} | ${r.rebuildToFloor} |`,
    ),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(
    path.join(RESULTS_DIR, 'projections-latest.json'),
    JSON.stringify({ meta: { startedAt: new Date().toISOString(), ...m }, results }, null, 2) + '\n',
  );
}

main().catch((error: unknown) => {
  console.error(
    `benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
});
