import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatWebPage } from './web/report-web';
import { benchWebPage } from './web/run-web';

/**
 * `npm run bench:web`: only the web page's timings (also part of `npm run bench`); writes
 * bench/results/web-latest.json.
 */
const RESULTS_DIR = path.resolve(__dirname, '..', '..', 'bench', 'results');

async function main(): Promise<void> {
  const results = await benchWebPage(process.env.BENCH_KEEP === '1');
  process.stdout.write(formatWebPage(results));
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, 'web-latest.json'), JSON.stringify(results, null, 2) + '\n');
}

main().catch((error: unknown) => {
  console.error(
    `web benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
});
