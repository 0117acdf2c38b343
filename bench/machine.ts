import * as os from 'node:os';

/** What a benchmark ran on, written with every result so figures can be compared fairly. */
export interface MachineMeta {
  cpu: string;
  cores: number;
  node: string;
  platform: string;
}

export function machineMeta(): MachineMeta {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}
