import { workerData } from 'node:worker_threads';
import { allProjections } from '../../../projections';
import type { AppConfig } from '../../config/app-config';
import { projectionLease } from '../../config/open-stores';
import { openWorkerStores } from '../../threads/open-worker-stores';
import { upcastIssueEvent } from '../../issues/domain/issue-upcasters';
import { serveWorker } from '../../threads/serve-worker';
import { describeError } from '../../threads/worker-protocol';
import { Projector } from '../projector';
import type { FromProjector, ProjectorWorkerData } from './thread-protocol';

/**
 * The projector's thread (started by `ProjectorThread`): its own connections to the same
 * event store and read store, the projection lease, and the Projector with every projection,
 * so the main thread's event loop keeps to commands and queries. It tells the main thread
 * where the read models stand after each batch (read-your-writes waits on that) and the
 * batch's events (the live stream).
 */
serveWorker<FromProjector>(async ({ send, onAppended }) => {
  const { config, batchSize, leaseIntervalMs } = workerData as ProjectorWorkerData;
  const { events, readStore, close } = await openWorkerStores(config, onAppended);
  const lease = projectionLease(config as AppConfig);
  let reported = { position: -1, leading: false };
  const projector: Projector = new Projector(events, readStore, allProjections, {
    upcast: upcastIssueEvent,
    lease,
    batchSize,
    leaseIntervalMs,
    onError: (error) => send({ type: 'batch-failed', error: describeError(error) }),
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
  try {
    await projector.start();
  } catch (error) {
    clearInterval(progress);
    await close();
    throw error;
  }
  reported = { position: projector.position(), leading: projector.leading() };
  send({ type: 'started', ...reported });
  return async () => {
    clearInterval(progress);
    await projector.stop();
    await lease.release();
    await close();
  };
});
