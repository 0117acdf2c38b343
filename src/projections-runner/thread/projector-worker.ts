import { parentPort, workerData } from 'node:worker_threads';
import { allProjections } from '../../../projections';
import type { AppConfig } from '../../config/app-config';
import { openEventStore, openReadStore, projectionLease } from '../../config/open-stores';
import { upcastIssueEvent } from '../../issues/domain/issue-upcasters';
import { Projector } from '../projector';
import type { FromProjector, ProjectorWorkerData, ToProjector } from './thread-protocol';
import { wakeOnMessage } from './wake-on-message';

/**
 * The projector's thread (started by `ProjectorThread`): its own connections to the same
 * event store and read store, the projection lease, and the Projector with every projection,
 * so the main thread's event loop keeps to commands and queries. It tells the main thread
 * where the read models stand after each batch (read-your-writes waits on that) and the
 * batch's events (the live stream).
 */
const port = parentPort!;
const send = (message: FromProjector): void => port.postMessage(message);
const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** How often the worker's subscriptions read the log when no wake-up came, by store. */
const POLL_MS: Record<AppConfig['eventStore'], number | null> = {
  sqlite: 100,
  postgres: 1000,
  eventstoredb: null,
};

async function main(): Promise<void> {
  const { config, batchSize, leaseIntervalMs } = workerData as ProjectorWorkerData;
  const opened = await openEventStore(config as AppConfig);
  const readStore = await openReadStore(config as AppConfig).catch(async (error: unknown) => {
    await opened.close();
    throw error;
  });
  const lease = projectionLease(config as AppConfig);
  const { store: events, wake } = wakeOnMessage(opened, POLL_MS[config.eventStore]);
  let reported = { position: -1, leading: false };
  const projector: Projector = new Projector(events, readStore, allProjections, {
    upcast: upcastIssueEvent,
    lease,
    batchSize,
    leaseIntervalMs,
    onError: (error) => send({ type: 'batch-failed', error: describe(error) }),
    appliedBatches: {
      applied: (batch) => {
        reported = { position: projector.position(), leading: projector.leading() };
        send({ type: 'applied', ...reported, batch });
      },
    },
  });
  // A follower's position moves when it re-reads the checkpoints, not by batches of its own.
  const progress = setInterval(() => {
    const now = { position: projector.position(), leading: projector.leading() };
    if (now.position === reported.position && now.leading === reported.leading) return;
    reported = now;
    send({ type: 'progress', ...now });
  }, 50);
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      clearInterval(progress);
      await projector.stop();
      await lease.release();
      await readStore.close();
      await opened.close();
      send({ type: 'stopped' });
      port.close();
    })());
  port.on('message', (message: ToProjector) => {
    if (message.type === 'appended') wake();
    else if (message.type === 'stop') void stop();
  });
  await projector.start();
  reported = { position: projector.position(), leading: projector.leading() };
  send({ type: 'started', ...reported });
}

main().catch((error: unknown) => {
  send({ type: 'failed', error: describe(error) });
  port.close();
});
