import { compareAppends } from './append-comparison';
import type { BenchConfig } from './bench-config';
import { HttpClient, runPool } from './http-client';
import { benchCommands } from './http-commands';
import { benchRebuild, waitForCatchUp } from './projection-lag';
import { benchQueries } from './query-latency';
import type { StoreResults } from './results';
import { seedOverdueIssue } from './scenario';
import { BENCH_ADMIN_PASSWORD } from './server-protocol';
import { startServerProcess } from './server-process';
import { msSince, tick } from './stats';
import { freshTarget, type StoreSetup } from './store-setup';

const SEED_CONCURRENCY = 16;

export const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

/**
 * Every benchmark of one store setup. The raw appends and the engine each get a fresh temp
 * folder (and for PostgreSQL a fresh schema), deleted afterwards unless `keep`.
 */
export async function benchStore(
  setup: StoreSetup,
  config: BenchConfig,
  databaseUrl: string,
  keep: boolean,
): Promise<StoreResults> {
  const started = tick();
  const appendComparison = await compareAppends(setup, config, databaseUrl, keep, log);
  const { sequential: append, concurrent: appendConcurrent } = appendComparison;

  const target = freshTarget(setup, 'app', databaseUrl);
  log(
    `${setup}: starting the engine on ${target.dataDir}${target.schema ? ` and schema ${target.schema}` : ''}…`,
  );
  const server = await startServerProcess(target.dataDir, target.env);
  let stopped = false;
  try {
    const client = await new HttpClient(server.url).signIn(BENCH_ADMIN_PASSWORD);
    const memory: StoreResults['memory'] = [{ when: 'idle, before the load', ...(await server.memory()) }];

    log(
      `${setup}: sending ${config.issues} issue lifecycles at concurrency ${config.concurrency.join(', ')}…`,
    );
    const commands = await benchCommands(client, config);

    log(`${setup}: seeding ${config.overdueIssues} overdue issues…`);
    const deadline = tick() + BigInt(config.phaseSeconds) * 1_000_000_000n;
    const seedNow = Date.now();
    const seeded = await runPool(config.overdueIssues, SEED_CONCURRENCY, deadline, (i) =>
      seedOverdueIssue(client, i, seedNow).then(() => undefined),
    );
    await waitForCatchUp(client);
    memory.push({ when: 'after the load, projections caught up', ...(await server.memory()) });

    log(`${setup}: querying (${config.queries} requests per query)…`);
    const queries = await benchQueries(client, config);
    memory.push({ when: 'after the queries', ...(await server.memory()) });

    await server.stop();
    stopped = true;
    log(`${setup}: rebuilding all projections from zero…`);
    const rebuild = await benchRebuild(target.appConfig());
    const elapsedSeconds = Math.round(msSince(started) / 100) / 10;
    return {
      config,
      append,
      appendConcurrent,
      appendComparison,
      commands,
      seededOverdueIssues: seeded.done,
      rebuild,
      queries,
      memory,
      elapsedSeconds,
    };
  } finally {
    if (!stopped) await server.stop();
    if (keep) log(`kept ${target.dataDir}${target.schema ? ` and schema ${target.schema}` : ''}`);
    else await target.remove();
  }
}
