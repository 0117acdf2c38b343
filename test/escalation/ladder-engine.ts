import { startTestApp, testConfig, type TestApp } from '../e2e/test-app';
import { startOwnRedis, type OwnRedis } from './engine-processes';
import { LadderDriver, TEST_CLOCK_ENV, TestClock } from './ladder-driver';

/** An embedded engine on a TestClock with a Redis of its own, and the driver of its ladder. */
export interface LadderEngine {
  t: TestApp;
  clock: TestClock;
  ladder: LadderDriver;
  redis: OwnRedis;
  /** Closes the engine, then its Redis (each only if it started). */
  stop(): Promise<void>;
}

/**
 * What every ladder spec starts from: its own Redis (so flushing or stopping it touches no
 * other spec), the engine's clock under the test's hand, and `env` on top (the policy, the
 * holidays, the reconciler's interval).
 */
export async function startLadderEngine(env: Record<string, string>): Promise<LadderEngine> {
  const redis = await startOwnRedis();
  const clock = new TestClock();
  let t: TestApp | undefined;
  try {
    t = await startTestApp(
      'sqlite',
      testConfig('sqlite', undefined, undefined, { ...TEST_CLOCK_ENV, REDIS_URL: redis.url, ...env }),
      clock,
    );
  } catch (error) {
    await redis.stop();
    throw error;
  }
  const engine = t;
  return {
    t: engine,
    clock,
    ladder: new LadderDriver(clock, [engine]),
    redis,
    async stop() {
      await engine.destroy();
      await redis.stop();
    },
  };
}
