import * as fs from 'node:fs';
import * as path from 'node:path';
import { HttpClient } from '../http-client';
import { machineMeta } from '../machine';
import { early, lat, n, table } from '../report-table';
import { BENCH_ADMIN_PASSWORD } from '../server-protocol';
import { startServerProcess } from '../server-process';
import { freshTarget } from '../store-setup';
import { loadCommandPathConfig, type CommandPathConfig } from './config';
import { benchInProcess, type InProcessResult } from './in-process';
import { benchLongIssueHttp, type LongIssueHttpResult } from './long-issue-http';
import { benchPostIssues, type PostIssuesLevel } from './post-issues';

export interface CommandPathResults {
  meta: ReturnType<typeof machineMeta> & { startedAt: string };
  config: CommandPathConfig;
  postIssues: PostIssuesLevel[];
  /** Over HTTP with automatic escalation on (as shipped) and off (commands and projections only). */
  longIssueHttp: Partial<Record<'on' | 'off', LongIssueHttpResult>>;
  inProcess: InProcessResult;
}

const RESULTS_DIR = path.resolve(__dirname, '..', '..', '..', 'bench', 'results');
const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

/**
 * The command path on the embedded store: `POST /issues` at each concurrency level, a command
 * on a long issue against the same command on a new one (over HTTP on an engine in its own
 * process, and on the command path alone), each in a fresh temp folder deleted afterwards
 * unless `keep`. Writes bench/results/command-path-latest.json.
 */
export async function benchCommandPath(keep = false): Promise<CommandPathResults> {
  const config = loadCommandPathConfig();
  const startedAt = new Date().toISOString();
  log(
    `command path: POST /issues ×${config.postIssues} at concurrency ${config.postConcurrency.join(', ')}…`,
  );
  const postIssues = await onEngine(keep, 'on', (client) => benchPostIssues(client, config));
  const longIssueHttp: CommandPathResults['longIssueHttp'] = {};
  for (const escalation of ['on', 'off'] as const) {
    log(
      `command path: a meeting on a ${config.longEvents}-event issue against new ones, HTTP, escalation ${escalation}…`,
    );
    longIssueHttp[escalation] = await onEngine(keep, escalation, (client) =>
      benchLongIssueHttp(client, config),
    );
  }
  log('command path: the same on handleCommand alone, with the aggregate cache and without…');
  const inProcess = await benchInProcess(config, keep);
  const results: CommandPathResults = {
    meta: { startedAt, ...machineMeta() },
    config,
    postIssues,
    longIssueHttp,
    inProcess,
  };
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(
    path.join(RESULTS_DIR, 'command-path-latest.json'),
    JSON.stringify(results, null, 2) + '\n',
  );
  return results;
}

/** Runs `work` against a fresh engine process on the embedded store, escalation on or off. */
async function onEngine<T>(
  keep: boolean,
  escalation: 'on' | 'off',
  work: (client: HttpClient) => Promise<T>,
) {
  const target = freshTarget('sqlite', 'command-path', '');
  const server = await startServerProcess(target.dataDir, { ...target.env, BENCH_ESCALATION: escalation });
  try {
    // The engine needs a signed-in principal for every command (the bench's leadership user).
    return await work(await new HttpClient(server.url).signIn(BENCH_ADMIN_PASSWORD));
  } finally {
    await server.stop();
    if (!keep) await target.remove();
  }
}

/** The command-path tables of the report. */
export function formatCommandPath(r: CommandPathResults): string {
  const head = ['sqlite (embedded)'];
  const inProcess = r.inProcess;
  const http = (['on', 'off'] as const).flatMap((escalation): Array<[string, string]> => {
    const l = r.longIssueHttp[escalation];
    if (!l) return [];
    return [
      [`HTTP, escalation ${escalation}: long issue`, lat(l.long)],
      [`HTTP, escalation ${escalation}: new issue`, lat(l.fresh)],
      [`HTTP, escalation ${escalation}: ratio of p50s`, `${n(l.ratio)}×`],
    ];
  });
  return [
    table(
      'Command path: POST /issues alone (one command on a new stream per request)',
      head,
      r.postIssues.flatMap((l) => [
        [`concurrency ${l.concurrency}`, `${n(l.requestsPerSecond)} requests/s${early(l.stoppedEarly)}`],
        ['  latency', lat(l.latency)],
      ]),
    ),
    table(
      `Command path: a meeting on a ${n(r.config.longEvents)}-event issue against one on a new issue (${n(r.config.samples)} each, target ≤ 1.5×)`,
      head,
      [
        ...http,
        ...inProcess.series.map((s): [string, string] => [`handleCommand, ${s.name}`, lat(s.latency)]),
        ['handleCommand ratio, cached', `${n(inProcess.ratioCached)}×`],
        ['handleCommand ratio, no cache (before)', `${n(inProcess.ratioUncached)}×`],
      ],
    ),
    '',
  ].join('\n');
}

if (require.main === module) {
  benchCommandPath(process.env.BENCH_KEEP === '1')
    .then((results) => process.stdout.write(formatCommandPath(results)))
    .catch((error: unknown) => {
      console.error(
        `benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      process.exit(1);
    });
}
