import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HttpClient } from '../http-client';
import { machineMeta } from '../machine';
import { huliReport } from '../scenario';
import { waitForCatchUp } from '../projection-lag';
import { BENCH_ADMIN_PASSWORD } from '../server-protocol';
import { startServerProcess } from '../server-process';
import { median } from '../stats';
import { freshTarget } from '../store-setup';
import { CpuMeter, cpuPerRequest } from './cpu-meter';
import { postRound } from './load';

/**
 * `npm run bench:commands`: `POST /issues` through the whole engine (signed in as the bench's
 * leadership user, embedded store with every commit fsynced, automatic escalation on, the
 * projections running) at concurrency 1 and 16, against Fastify's hello-world JSON POST in the
 * same run. Rounds are interleaved (baseline, engine, per level, BENCH_ROUNDS times, each
 * BENCH_ROUND_SECONDS long); the ratio is the median of the rounds' ratios, so a machine busy
 * with other work weighs on both sides alike. BENCH_PROJECTIONS_THREADS (default `worker,main`) runs one engine
 * per setting of PROJECTIONS_THREAD. Writes bench/results/command-throughput-latest.json.
 */
const RESULTS_DIR = path.resolve(__dirname, '..', '..', '..', 'bench', 'results');
const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);
const LEVELS = (process.env.BENCH_CONCURRENCY ?? '1,16').split(',').map(Number);

async function startHello(): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const child = fork(path.join(__dirname, 'hello-server.js'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { type: string; port?: number; error?: string }) =>
      m.type === 'ready' ? resolve(m.port!) : reject(new Error(m.error)),
    );
    child.once('exit', (code) => reject(new Error(`hello-world server exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? -1,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'stop' });
      }),
  };
}

interface LevelResult {
  concurrency: number;
  baselineRequestsPerSecond: number;
  engineRequestsPerSecond: number;
  ratio: number;
  baselineRounds: number[];
  engineRounds: number[];
  /**
   * Median µs of CPU per request: the hello-world server's, and the engine's process (all
   * threads), Redis's and the load generator's during the engine's rounds.
   */
  cpuMicrosPerRequest: { helloWorld: number; engine: number; redis: number; loadGenerator: number };
}

/** A round's rate, and each party's CPU per request during it. */
async function metered(
  meter: CpuMeter,
  round: () => Promise<{ perSecond: number; requests: number }>,
): Promise<{ perSecond: number; cpu: ReturnType<typeof cpuPerRequest> }> {
  const before = await meter.read();
  const { perSecond, requests } = await round();
  return { perSecond, cpu: cpuPerRequest(before, await meter.read(), requests) };
}

async function main(): Promise<void> {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const seconds = Number(process.env.BENCH_ROUND_SECONDS ?? 8);
  const threads = (process.env.BENCH_PROJECTIONS_THREADS ?? 'worker,main').split(',');
  const hello = await startHello();
  const results: Record<string, LevelResult[]> = {};
  try {
    for (const thread of threads) {
      const target = freshTarget('sqlite', 'commands', '');
      log(`engine with PROJECTIONS_THREAD=${thread}, escalation on, on ${target.dataDir}…`);
      const server = await startServerProcess(target.dataDir, {
        ...target.env,
        BENCH_ESCALATION: 'on',
        PROJECTIONS_THREAD: thread,
      });
      const engineMeter = CpuMeter.open(server.pid);
      const helloMeter = CpuMeter.open(hello.pid);
      try {
        const client = await new HttpClient(server.url).signIn(BENCH_ADMIN_PASSWORD);
        // Numbered on across rounds, so every issue's title is its own.
        let issued = 0;
        const post = (connections: number, seconds: number) =>
          postRound({
            url: server.url,
            path: '/issues',
            connections,
            seconds,
            token: client.bearer(),
            body: () => huliReport(issued++),
            expectStatus: 201,
          });
        const hi = (connections: number, seconds: number) =>
          postRound({
            url: hello.url,
            path: '/hello',
            connections,
            seconds,
            token: client.bearer(),
            body: huliReport,
            expectStatus: 201,
          });
        // Warm both up (JIT, connections, the first pages of the log).
        await hi(16, 2);
        await post(16, 2);
        await waitForCatchUp(client);
        const levels: LevelResult[] = [];
        for (const concurrency of LEVELS) {
          const b: number[] = [];
          const e: number[] = [];
          const cpu = {
            helloWorld: [] as number[],
            engine: [] as number[],
            redis: [] as number[],
            load: [] as number[],
          };
          for (let r = 0; r < rounds; r++) {
            const baselineRound = await metered(helloMeter, () => hi(concurrency, seconds));
            const engineRound = await metered(engineMeter, () => post(concurrency, seconds));
            b.push(baselineRound.perSecond);
            e.push(engineRound.perSecond);
            cpu.helloWorld.push(baselineRound.cpu.engine);
            cpu.engine.push(engineRound.cpu.engine);
            cpu.redis.push(engineRound.cpu.redis);
            cpu.load.push(engineRound.cpu.load);
            log(
              `  c=${concurrency} round ${r + 1}: hello-world ${b[r]}/s (${baselineRound.cpu.engine} µs CPU each), ` +
                `engine ${e[r]}/s (CPU per command: engine ${engineRound.cpu.engine} µs, Redis ${engineRound.cpu.redis} µs, load generator ${engineRound.cpu.load} µs)`,
            );
            // Each round starts with the projections caught up, as the baseline has none.
            await waitForCatchUp(client);
          }
          const baselineRate = median(b);
          const engineRate = median(e);
          levels.push({
            concurrency,
            baselineRequestsPerSecond: baselineRate,
            engineRequestsPerSecond: engineRate,
            // The median of the rounds' own ratios: each round's pair ran under the same load.
            ratio: Math.round(median(e.map((rate, r) => rate / b[r])) * 1000) / 1000,
            baselineRounds: b,
            engineRounds: e,
            cpuMicrosPerRequest: {
              helloWorld: median(cpu.helloWorld),
              engine: median(cpu.engine),
              redis: median(cpu.redis),
              loadGenerator: median(cpu.load),
            },
          });
        }
        results[thread] = levels;
      } finally {
        await engineMeter.close();
        await helloMeter.close();
        await server.stop();
        await target.remove();
      }
    }
  } finally {
    await hello.stop();
  }
  const m = machineMeta();
  const lines = [
    `HTTP command throughput — ${new Date().toISOString()}`,
    `CPU ${m.cpu} × ${m.cores} · Node ${m.node} · medians of ${rounds} interleaved rounds of ${seconds} s; ratio: median of the rounds' ratios`,
    '| projector | concurrency | Fastify hello-world JSON POST | POST /issues (durable, escalation on) | ratio | CPU per request: hello-world | engine (all threads) | Redis | load generator |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...Object.entries(results).flatMap(([thread, levels]) =>
      levels.map(
        (l) =>
          `| ${thread} thread | ${l.concurrency} | ${l.baselineRequestsPerSecond}/s | ${l.engineRequestsPerSecond}/s | ${l.ratio} | ${l.cpuMicrosPerRequest.helloWorld} µs | ${l.cpuMicrosPerRequest.engine} µs | ${l.cpuMicrosPerRequest.redis} µs | ${l.cpuMicrosPerRequest.loadGenerator} µs |`,
      ),
    ),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(
    path.join(RESULTS_DIR, 'command-throughput-latest.json'),
    JSON.stringify(
      { meta: { startedAt: new Date().toISOString(), ...m, rounds, seconds }, results },
      null,
      2,
    ) + '\n',
  );
}

main().catch((error: unknown) => {
  console.error(
    `benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
});
