import { BENCH_ADMIN_PASSWORD } from '../server-protocol';
import { HttpClient, runPool } from '../http-client';
import { startServerProcess } from '../server-process';
import { summarize, tick, type LatencySummary } from '../stats';
import { freshTempDir } from '../temp-dir';
import { SseReader } from './sse-reader';

/**
 * `npm run bench:live`: how long after a command's answer its event reaches the readers of
 * the live stream (GET /live), with 1 and with BENCH_LIVE_READERS streams open, one command
 * at a time and in a burst (BENCH_LIVE_CONCURRENCY in flight). The engine runs in its own
 * process on SQLite in a temp folder, escalation off (its own events would mix in); the
 * readers are in this process, as many browsers would be on other machines.
 */
const READERS = Number(process.env.BENCH_LIVE_READERS ?? 100);
const SEQUENTIAL = Number(process.env.BENCH_LIVE_COMMANDS ?? 200);
const BURST = Number(process.env.BENCH_LIVE_BURST ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_LIVE_CONCURRENCY ?? 8);

const report = (i: number) => ({
  title: `实时基准 ${i}`,
  category: 'on-site-rectification',
  severity: 'medium',
  district: ['siming', 'huli', 'jimei', 'haicang', 'tongan', 'xiangan'][i % 6],
  source: 'inspection',
  reportedBy: '驻区工作组',
});

interface Row {
  readers: number;
  mode: string;
  commands: number;
  latency: LatencySummary;
}

async function measure(
  client: HttpClient,
  readers: SseReader[],
  commands: number,
  concurrency: number,
): Promise<LatencySummary> {
  const samples: number[] = [];
  await runPool(commands, concurrency, tick() + 600_000_000_000n, async (i) => {
    const answer = await client.post<{ position: number }>('/issues', report(i));
    const answered = tick();
    const position = answer.body.position;
    await Promise.all(readers.map((r) => r.arrived(position)));
    for (const r of readers) samples.push(Number(r.arrivals.get(position)! - answered) / 1e6);
  });
  return summarize(samples.map((ms) => Math.max(0, ms)));
}

async function main(): Promise<void> {
  const temp = freshTempDir('live');
  const server = await startServerProcess(temp.dir, {
    EVENT_STORE: 'sqlite',
    READ_STORE: 'sqlite',
    BENCH_ESCALATION: 'off',
  });
  const rows: Row[] = [];
  try {
    const client = await new HttpClient(server.url).signIn(BENCH_ADMIN_PASSWORD);
    for (const count of [1, READERS]) {
      const readers = await Promise.all(
        Array.from({ length: count }, () => SseReader.open(server.url, client.bearer()!)),
      );
      try {
        rows.push({
          readers: count,
          mode: 'one at a time',
          commands: SEQUENTIAL,
          latency: await measure(client, readers, SEQUENTIAL, 1),
        });
        rows.push({
          readers: count,
          mode: `burst, ${CONCURRENCY} in flight`,
          commands: BURST,
          latency: await measure(client, readers, BURST, CONCURRENCY),
        });
      } finally {
        readers.forEach((r) => r.close());
      }
    }
  } finally {
    await server.stop();
    temp.remove();
  }
  const lines = [
    '',
    'command answered → its event told on GET /live (every reader), ms',
    '| streams | commands | count | p50 | p99 | max |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.readers} | ${r.commands} ${r.mode} | ${r.latency.count} | ${r.latency.p50Ms.toFixed(1)} | ${r.latency.p99Ms.toFixed(1)} | ${r.latency.maxMs.toFixed(1)} |`,
    ),
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
