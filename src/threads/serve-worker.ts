import { parentPort } from 'node:worker_threads';
import { AppendCounter } from './append-counter';
import { describeError, type ToWorker, type WorkerLifecycle } from './worker-protocol';

/** What a worker's body is handed: how to tell the main thread, and the main thread's appends. */
export interface WorkerContext<From, To> {
  send: (message: From | WorkerLifecycle) => void;
  /** Called at each append the main thread tells of (a wake-up for the worker's subscriptions). */
  onAppended: (listener: () => void) => void;
  /** Called with each of the main thread's messages of this kind of worker (its answers). */
  onMessage: (listener: (message: To) => void) => void;
}

/**
 * Runs the body of one of the engine's worker threads: `run` opens its own stores, starts,
 * tells 'started' (with what it stands at) and answers how to stop. A 'stop' from the main
 * thread stops it (after its start, if it is still starting), then it says 'stopped' and its
 * port closes, which ends the thread; a start that fails says 'failed' and ends it too.
 */
export function serveWorker<From, To extends { type: string } = never>(
  run: (context: WorkerContext<From, To>) => Promise<() => Promise<void>>,
): void {
  const port = parentPort!;
  const send = (message: From | WorkerLifecycle): void => port.postMessage(message);
  const appended: (() => void)[] = [];
  const own: ((message: To) => void)[] = [];
  const running = run({
    send,
    onAppended: (listener) => appended.push(listener),
    onMessage: (listener) => own.push(listener),
  });
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      const stopRunning = await running.catch(() => null);
      if (stopRunning === null) return;
      await stopRunning();
      send({ type: 'stopped' });
      port.close();
    })());
  const wake = (): void => {
    for (const listener of appended) listener();
  };
  port.on('message', (message: ToWorker<To>) => {
    if (message.type === 'append-counter') {
      const { buffer } = message as { buffer: SharedArrayBuffer };
      void new AppendCounter(buffer).watch(wake, () => stopping !== null);
    } else if (message.type === 'stop') void stop();
    else for (const listener of own) listener(message as To);
  });
  running.catch((error: unknown) => {
    send({ type: 'failed', error: describeError(error) });
    port.close();
  });
}
