import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HttpClient, runPool } from '../http-client';
import { machineMeta } from '../machine';
import { waitForCatchUp } from '../projection-lag';
import { BENCH_ADMIN_PASSWORD } from '../server-protocol';
import { startServerProcess } from '../server-process';
import { msSince, perSecond, tick } from '../stats';
import { freshTarget } from '../store-setup';

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
const LEVELS = [1, 16];

const issue = (i: number) => ({
  title: `湖里区第${i + 1}号工地围挡缺失`,
  category: 'safety-emergency',
  severity: 'medium',
  district: 'huli',
  source: 'inspection',
  reportedBy: '驻湖里区工作组',
});

/** Requests per second of `send` at `concurrency` for `seconds`. */
async function round(
  concurrency: number,
  seconds: number,
  send: (i: number) => Promise<unknown>,
): Promise<number> {
  const started = tick();
  const deadline = started + BigInt(Math.round(seconds * 1e9));
  const { done } = await runPool(1_000_000_000, concurrency, deadline, async (i) => void (await send(i)));
  return perSecond(done, msSince(started));
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function startHello(): Promise<{ url: string; stop(): Promise<void> }> {
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
}

async function main(): Promise<void> {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const seconds = Number(process.env.BENCH_ROUND_SECONDS ?? 8);
  const threads = (process.env.BENCH_PROJECTIONS_THREADS ?? 'worker,main').split(',');
  const hello = await startHello();
  const baseline = new HttpClient(hello.url);
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
      try {
        const client = await new HttpClient(server.url).signIn(BENCH_ADMIN_PASSWORD);
        let next = 0;
        const post = () => client.post('/issues', issue(next++));
        const hi = (i: number) => baseline.post('/hello', issue(i));
        // Warm both up (JIT, connections, the first pages of the log).
        await round(16, 2, hi);
        await round(16, 2, post);
        await waitForCatchUp(client);
        const levels: LevelResult[] = [];
        for (const concurrency of LEVELS) {
          const b: number[] = [];
          const e: number[] = [];
          for (let r = 0; r < rounds; r++) {
            b.push(await round(concurrency, seconds, hi));
            e.push(await round(concurrency, seconds, post));
            log(`  c=${concurrency} round ${r + 1}: hello-world ${b[r]}/s, engine ${e[r]}/s`);
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
          });
        }
        results[thread] = levels;
      } finally {
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
    '| projector | concurrency | Fastify hello-world JSON POST | POST /issues (durable, escalation on) | ratio |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...Object.entries(results).flatMap(([thread, levels]) =>
      levels.map(
        (l) =>
          `| ${thread} thread | ${l.concurrency} | ${l.baselineRequestsPerSecond}/s | ${l.engineRequestsPerSecond}/s | ${l.ratio} |`,
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
