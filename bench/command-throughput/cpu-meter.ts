import * as fs from 'node:fs';
import Redis from 'ioredis';

/** CPU seconds used so far by each party of a round: the engine's process, Redis, the load generator. */
export interface CpuReading {
  engine: number;
  redis: number;
  load: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ: the unit of /proc/<pid>/stat's utime and stime on Linux

/** User + system CPU seconds of a process, all its threads (the projector's worker thread too). */
function processCpu(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces), counted from its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

async function redisCpu(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const value = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return value('used_cpu_sys') + value('used_cpu_user');
}

/**
 * Reads every party's CPU time, so a round's figure can be given as CPU per command: unlike
 * commands per second, it hardly moves when other work shares the machine.
 */
export class CpuMeter {
  private constructor(
    private readonly redis: Redis,
    private readonly enginePid: number,
  ) {}

  /** @param redisUrl @defaultValue REDIS_URL, or the local Redis */
  static open(enginePid: number, redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'): CpuMeter {
    return new CpuMeter(new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 1 }), enginePid);
  }

  async read(): Promise<CpuReading> {
    const { user, system } = process.cpuUsage();
    return {
      engine: processCpu(this.enginePid),
      redis: await redisCpu(this.redis),
      load: (user + system) / 1e6,
    };
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}

/** Microseconds of CPU per request of each party between two readings. */
export function cpuPerRequest(
  before: CpuReading,
  after: CpuReading,
  requests: number,
): { engine: number; redis: number; load: number } {
  const per = (a: number, b: number) => Math.round(((b - a) * 1e6) / Math.max(1, requests));
  return {
    engine: per(before.engine, after.engine),
    redis: per(before.redis, after.redis),
    load: per(before.load, after.load),
  };
}
