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
