import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ProjectorWorkerData } from './thread-protocol';

/**
 * The young generation the worker's heap gets: the projections allocate a new document per
 * event and batch (pure evolves), and with V8's default semi-space a large catch-up spent a
 * fifth of its time in scavenges.
 */
const YOUNG_GENERATION_MB = 64;

/**
 * Starts `projector-worker` from the built JavaScript; from TypeScript sources (the specs
 * under ts-jest) the worker first registers a require hook that transpiles them as they load,
 * with the project's compiler settings.
 */
export function spawnProjectorWorker(data: ProjectorWorkerData): Worker {
  const options = { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } };
  const entry = path.join(__dirname, `projector-worker${path.extname(__filename)}`);
  if (!entry.endsWith('.ts')) return new Worker(entry, options);
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
    require(${JSON.stringify(entry)});`;
  return new Worker(hook, { ...options, eval: true });
}
