import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { FromServer, MemoryFigures, ToServer } from './server-protocol';

const START_TIMEOUT_MS = 30_000;
const REPLY_TIMEOUT_MS = 30_000;

/** The engine running in a child process (bench/server.ts) on a loopback port. */
export interface ServerProcess {
  url: string;
  pid: number;
  memory(): Promise<MemoryFigures>;
  /** Closes the app (projector, stores) gracefully; kills the child if it does not answer. */
  stop(): Promise<void>;
}

function next<T extends FromServer['type']>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<FromServer, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error(`engine process did not answer "${type}" within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (message: FromServer) => {
      if (message.type === type) done(null, message as Extract<FromServer, { type: T }>);
      else if (message.type === 'failed') done(new Error(`engine process failed: ${message.error}`));
    };
    const onExit = (code: number | null) =>
      done(new Error(`engine process exited (code ${code}) while waiting for "${type}"`));
    const done = (error: Error | null, value?: Extract<FromServer, { type: T }>) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(value!);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Which engine a benchmark starts, when not this build's with BENCH_ENGINE_NODE_ARGS. */
export interface EngineBuild {
  /** The engine host of another build (its `dist/bench/server.js`). @defaultValue this build's */
  script?: string;
  /** Extra Node flags for the engine. @defaultValue BENCH_ENGINE_NODE_ARGS, split at spaces */
  nodeArgs?: string[];
}

/** Starts the engine on `dataDir`, with `storeEnv` (EVENT_STORE and friends) choosing its stores. */
export async function startServerProcess(
  dataDir: string,
  storeEnv: Record<string, string>,
  build: EngineBuild = {},
): Promise<ServerProcess> {
  const child = fork(build.script ?? path.join(__dirname, 'server.js'), [], {
    // BENCH_ENGINE_NODE_ARGS: extra Node flags for the engine alone (e.g. `--cpu-prof`).
    execArgv: [
      '--expose-gc',
      ...(build.nodeArgs ?? process.env.BENCH_ENGINE_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
    ],
    env: { ...process.env, ...storeEnv, BENCH_DATA_DIR: dataDir },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // If the benchmark itself dies, do not leave its engine behind.
  const killChild = () => void child.kill();
  process.once('exit', killChild);
  try {
    const { port } = await next(child, 'ready', START_TIMEOUT_MS);
    const ask = (message: ToServer) => void child.send(message);
    return {
      url: `http://127.0.0.1:${port}`,
      pid: child.pid ?? -1,
      async memory() {
        const reply = next(child, 'memory', REPLY_TIMEOUT_MS);
        ask({ type: 'memory' });
        return (await reply).memory;
      },
      async stop() {
        const exited = new Promise<void>((resolve) =>
          child.exitCode !== null ? resolve() : child.once('exit', () => resolve()),
        );
        try {
          const reply = next(child, 'stopped', REPLY_TIMEOUT_MS);
          ask({ type: 'stop' });
          await reply;
        } catch {
          child.kill();
        }
        await exited;
        process.off('exit', killChild);
      },
    };
  } catch (error) {
    child.kill();
    process.off('exit', killChild);
    throw error;
  }
}
