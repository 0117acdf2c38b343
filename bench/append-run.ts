import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendTargets, compareAppends, type AppendComparison } from './append-comparison';
import { loadBenchConfig } from './bench-config';
import { machineMeta } from './machine';
import { appendSection } from './report-append';
import type { StoreResults } from './results';
import { log } from './run-store';
import { checkDatabase, type StoreSetup } from './store-setup';

/**
 * `npm run bench:append`: only the append comparison of `npm run bench` (raw driver loops,
 * then the store sequentially and concurrently, interleaved rounds), for each setup in
 * BENCH_STORES; the same sizes and variables. Writes bench/results/append-latest.json.
 */
const RESULTS_DIR = path.resolve(__dirname, '..', '..', 'bench', 'results');

async function main(): Promise<void> {
  const plan = loadBenchConfig();
  if (plan.stores.includes('postgres')) await checkDatabase(plan.databaseUrl);
  const results: Partial<Record<StoreSetup, AppendComparison>> = {};
  for (const setup of plan.stores)
    results[setup] = await compareAppends(setup, plan.sizes[setup], plan.databaseUrl, plan.keep, log);
  const runs = plan.stores.map(
    (s) =>
      ({
        config: plan.sizes[s],
        append: results[s]!.sequential,
        appendConcurrent: results[s]!.concurrent,
        appendComparison: results[s]!,
      }) as StoreResults,
  );
  const head = plan.stores.map((s) => (s === 'postgres' ? 'postgres' : 'sqlite (embedded)'));
  const m = machineMeta();
  process.stdout.write(
    `Event store append benchmark — ${new Date().toISOString()}\nCPU ${m.cpu} × ${m.cores} · Node ${m.node}\n` +
      appendSection(plan.stores, runs, head) +
      '\n',
  );
  const failed = plan.stores.flatMap((s) => appendTargets(s, results[s]!).filter((t) => !t.met));
  if (failed.length > 0) log(`targets not met: ${failed.map((t) => t.what).join('; ')}`);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(
    path.join(RESULTS_DIR, 'append-latest.json'),
    JSON.stringify({ meta: m, stores: results }, null, 2) + '\n',
  );
}

main().catch((error: unknown) => {
  console.error(
    `append benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
});
