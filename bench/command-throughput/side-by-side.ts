import * as path from 'node:path';
import { HttpClient } from '../http-client';
import { waitForCatchUp } from '../projection-lag';
import { huliReport } from '../scenario';
import { BENCH_ADMIN_PASSWORD } from '../server-protocol';
import { startServerProcess, type ServerProcess } from '../server-process';
import { median } from '../stats';
import { freshTarget, type StoreTarget } from '../store-setup';
import { CpuMeter, cpuPerRequest } from './cpu-meter';
import { postRound } from './load';

/**
 * `node dist/bench/command-throughput/side-by-side.js A B`: two engines alive at once, each
 * `POST /issues` at c=16 (durable, escalation on, projector and scheduler in their threads) in
 * short rounds taken in turn (A B, then B A), so a slow moment of the machine weighs on both
 * alike. Alternating whole runs of `bench:commands` cannot show a change of 5–10% on a machine
 * whose speed moves by a third within minutes; paired rounds can. Each side is
 * `label=checkout[;node flags[;KEY=value,...]]`: a checkout's built `dist/bench/server.js`
 * (another build: `git worktree add`, link node_modules, `npx tsc -p tsconfig.build.json`), extra
 * Node flags for that engine (space-separated), extra environment for it. BENCH_ROUNDS (14)
 * rounds each of BENCH_ROUND_SECONDS (4). Prints each side's rates and the median of the rounds'
 * ratios B/A, and in how many rounds B was the faster.
 */

interface Side {
  label: string;
  server: ServerProcess;
  target: StoreTarget;
  client: HttpClient;
  meter: CpuMeter;
  rates: number[];
  cpu: number[];
  issued: number;
}

function parseSide(spec: string): {
  label: string;
  script: string;
  nodeArgs: string[];
  env: Record<string, string>;
} {
  const [label, rest] = spec.includes('=')
    ? [spec.slice(0, spec.indexOf('=')), spec.slice(spec.indexOf('=') + 1)]
    : [spec, spec];
  const [checkout, flags = '', env = ''] = rest.split(';');
  return {
    label,
    script: path.resolve(checkout, 'dist', 'bench', 'server.js'),
    nodeArgs: flags.split(' ').filter(Boolean),
    env: Object.fromEntries(
      env
        .split(',')
        .filter(Boolean)
        .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
    ),
  };
}

async function start(spec: string): Promise<Side> {
  const { label, script, nodeArgs, env } = parseSide(spec);
  const target = freshTarget('sqlite', `side-${label}`, '');
  const server = await startServerProcess(
    target.dataDir,
    { ...target.env, BENCH_ESCALATION: 'on', PROJECTIONS_THREAD: 'worker', ...env },
    { script, nodeArgs },
  );
  const client = await new HttpClient(server.url).signIn(BENCH_ADMIN_PASSWORD);
  return {
    label,
    server,
    target,
    client,
    meter: CpuMeter.open(server.pid),
    rates: [],
    cpu: [],
    issued: 0,
  };
}

async function round(side: Side, seconds: number): Promise<{ perSecond: number; requests: number }> {
  return postRound({
    url: side.server.url,
    path: '/issues',
    connections: 16,
    seconds,
    token: side.client.bearer(),
    body: () => huliReport(side.issued++),
    expectStatus: 201,
  });
}

async function main(): Promise<void> {
  const specs = process.argv.slice(2);
  if (specs.length !== 2)
    throw new Error('usage: side-by-side.js label=checkout[;flags[;K=V,...]] label=checkout[...]');
  const rounds = Number(process.env.BENCH_ROUNDS ?? 14);
  const seconds = Number(process.env.BENCH_ROUND_SECONDS ?? 4);
  const sides: Side[] = [];
  try {
    for (const spec of specs) sides.push(await start(spec));
    // Warm both up (JIT, connections, the first pages of the log).
    for (const side of sides) {
      await round(side, 2);
      await waitForCatchUp(side.client);
    }
    for (let r = 0; r < rounds; r++) {
      for (const side of r % 2 === 0 ? sides : [...sides].reverse()) {
        const before = await side.meter.read();
        const { perSecond, requests } = await round(side, seconds);
        side.rates.push(perSecond);
        side.cpu.push(cpuPerRequest(before, await side.meter.read(), requests).engine);
        // Each round starts with the projections caught up.
        await waitForCatchUp(side.client);
      }
    }
    const [a, b] = sides;
    const mean = (values: number[]) => Math.round(values.reduce((sum, v) => sum + v, 0) / values.length);
    const lines = [
      `POST /issues at c=16, two engines side by side, ${rounds} rounds of ${seconds} s each — ${new Date().toISOString()}`,
      '| engine | mean | median | engine CPU per command (median) | rounds |',
      '| --- | ---: | ---: | ---: | --- |',
      ...sides.map(
        (s) =>
          `| ${s.label} | ${mean(s.rates)}/s | ${median(s.rates)}/s | ${median(s.cpu)} µs | ${s.rates.join(', ')} |`,
      ),
      `${b.label} / ${a.label}: median of the rounds' ratios ${median(b.rates.map((rate, i) => rate / a.rates[i])).toFixed(3)}; ` +
        `${b.label} faster in ${b.rates.filter((rate, i) => rate > a.rates[i]).length} of ${rounds} rounds`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    for (const side of sides) {
      await side.meter.close();
      await side.server.stop();
      await side.target.remove();
    }
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
