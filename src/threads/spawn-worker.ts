import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * The young generation a worker's heap gets: the projections allocate a new document per
 * event and batch (pure evolves), and with V8's default semi-space a large catch-up spent a
 * fifth of its time in scavenges.
 */
const YOUNG_GENERATION_MB = 64;

/**
 * Starts a worker thread from `entry` (a path without its extension, beside the caller): the
 * built JavaScript in the app; from TypeScript sources (the specs under ts-jest) the worker
 * first registers a require hook that transpiles them as they load, with the project's
 * compiler settings.
 */
export function spawnWorker(entry: string, workerData: unknown): Worker {
  const options = { workerData, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } };
  const file = `${entry}${path.extname(__filename)}`;
  if (!file.endsWith('.ts')) return new Worker(file, options);
  const typescript = require.resolve('typescript', { paths: [__dirname] });
  const hook = `
    const ts = require(${JSON.stringify(typescript)});
    const fs = require('node:fs');
    require.extensions['.ts'] = (module, filename) => {
      const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
        fileName: filename,
        compilerOptions: {
          module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true,
          experimentalDecorators: true, emitDecoratorMetadata: true, resolveJsonModule: true,
        },
      });
      module._compile(out.outputText, filename);
    };
    require(${JSON.stringify(file)});`;
  return new Worker(hook, { ...options, eval: true });
}
