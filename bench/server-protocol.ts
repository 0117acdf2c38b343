/** Messages between the benchmark (parent) and the engine it runs in a child process. */

export type ToServer = { type: 'memory' } | { type: 'stop' };

export interface MemoryFigures {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
}

export type FromServer =
  | { type: 'ready'; port: number }
  | { type: 'memory'; memory: MemoryFigures }
  | { type: 'stopped' }
  | { type: 'failed'; error: string };

/** The benchmark engine's admin password (ADMIN_PASSWORD), so the load generator can sign in. */
export const BENCH_ADMIN_PASSWORD = 'Bench-Admin-Pass-2023';
