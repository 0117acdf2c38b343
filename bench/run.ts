import * as fs from 'node:fs';
import * as path from 'node:path';
import { machineMeta } from './machine';
import { Client } from 'pg';
import { loadBenchConfig } from './bench-config';
import { benchCommandPath, formatCommandPath } from './command-path/run';
import { formatReport } from './report';
import type { BenchResults } from './results';
import { benchStore, log } from './run-store';
import { msSince, tick } from './stats';
import { checkDatabase, redact } from './store-setup';
import { formatWebPage } from './web/report-web';
import { benchWebPage } from './web/run-web';

/**
 * `npm run bench`: the engine's performance on this machine, for each store setup in
 * BENCH_STORES (sqlite, postgres). Every benchmark works in its own temp folder (and
 * PostgreSQL schema), talks only to loopback and BENCH_DATABASE_URL, is bounded in count and
 * time, and cleans up after itself. Sizes come from BENCH_* variables (bench-config.ts).
 * Prints a table and writes bench/results/latest.json.
 */
const RESULTS_DIR = path.resolve(__dirname, '..', '..', 'bench', 'results');

async function postgresVersion(databaseUrl: string): Promise<string> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const plan = loadBenchConfig();
  const started = tick();
  const startedAt = new Date().toISOString();
  const usesPostgres = plan.stores.includes('postgres');
  // Before minutes of SQLite work, not after: an unreachable database is a setup mistake.
  if (usesPostgres) await checkDatabase(plan.databaseUrl);

  const stores: BenchResults['stores'] = {};
  for (const setup of plan.stores)
    stores[setup] = await benchStore(setup, plan.sizes[setup], plan.databaseUrl, plan.keep);

  const results: BenchResults = {
    meta: {
      startedAt,
      totalSeconds: Math.round(msSince(started) / 100) / 10,
      ...machineMeta(),
      stores: plan.stores,
      databaseUrl: usesPostgres ? redact(plan.databaseUrl) : null,
      postgresVersion: usesPostgres ? await postgresVersion(plan.databaseUrl) : null,
    },
    stores,
  };
  process.stdout.write(formatReport(results));
  process.stdout.write(formatCommandPath(await benchCommandPath(plan.keep)));
  // The web page with real volume (issue 12); BENCH_WEB=off leaves it out.
  if (process.env.BENCH_WEB !== 'off') {
    results.web = await benchWebPage(plan.keep);
    process.stdout.write(formatWebPage(results.web));
  }
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, 'latest.json');
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  log(`results written to ${path.relative(process.cwd(), file) || file}`);
}

main().catch((error: unknown) => {
  console.error(
    `benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
});
