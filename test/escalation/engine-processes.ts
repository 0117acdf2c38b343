import { fork, spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { Redis } from 'ioredis';
import { waitUntil } from '../event-store/fixtures/helpers';

const REGISTER_TS = path.join(__dirname, '..', 'event-store', 'fixtures', 'register-ts.js');

/** An engine running in its own OS process. */
export interface EngineProcess {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Starts `src` in a child process with `env` on top of this one's; resolves when it listens. */
export async function startEngineProcess(env: Record<string, string>): Promise<EngineProcess> {
  const child = fork(path.join(__dirname, 'fixtures', 'engine-process.js'), [], {
    execArgv: ['-r', REGISTER_TS],
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.on('message', (message: { ready: boolean; url?: string; error?: string }) =>
      message.ready
        ? resolve(message.url!)
        : reject(new Error(`engine process failed to start: ${message.error}`)),
    );
    void exited.then((code) => reject(new Error(`engine process exited with ${code} before it was ready`)));
  });
  return {
    url,
    child,
    exited,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A Redis server of the test's own, so it can be flushed or killed without touching anyone else's. */
export interface OwnRedis {
  url: string;
  port: number;
  client: Redis;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts one on a free port, or on `port` (to bring back one a test stopped, at the address its engines know). */
export async function startOwnRedis(port?: number): Promise<OwnRedis> {
  port ??= await freePort();
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const exited = new Promise((resolve) => server.once('exit', resolve));
  const url = `redis://127.0.0.1:${port}`;
  // Connects in the background and retries every 50 ms until the server listens (a loaded
  // machine may take a while to start it); a later loss is a test's own doing.
  const client = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: () => 50 });
  client.on('error', () => undefined);
  const stop = async () => {
    client.disconnect();
    server.kill('SIGTERM');
    await exited;
  };
  try {
    await waitUntil(() => client.status === 'ready', `redis-server on port ${port}`, 30_000);
  } catch (error) {
    // A server left running would keep the test process alive after the suite.
    await stop();
    throw error;
  }
  return { url, port, client, stop };
}
