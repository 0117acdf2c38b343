import { workerData } from 'node:worker_threads';
import { systemClock } from '../../clock/clock';
import { AggregateCache } from '../../command-handling/aggregate-cache';
import { SuspensionBook } from '../../suspensions/suspension-book';
import { openWorkerStores } from '../../threads/open-worker-stores';
import { serveWorker } from '../../threads/serve-worker';
import type { CheckError } from '../checks/pending-checks';
import { EscalationLog } from '../escalation-log';
import { CheckQueue, createCheckQueue } from '../queue/check-queue';
import { CheckWorker } from '../queue/check-worker';
import { loadIssueDeadlines } from '../queue/issue-deadlines';
import { EscalationScheduler, schedulerReactor } from '../queue/escalation-scheduler';
import { RedisConnections } from '../queue/redis-connections';
import { IssueRetimer } from '../queue/retime-issues';
import { RulesFromLog } from '../rules/rules-from-log';
import type { FromScheduler, SchedulerWorkerData, ToScheduler } from './scheduler-protocol';
import { CommandRelay } from './relayed-commands';

type Send = (message: FromScheduler) => void;

/** The worker's log: every error it notes is the main thread's to log and show in /health. */
class ToldLog extends EscalationLog {
  constructor(private readonly send: Send) {
    super(systemClock);
  }

  override noteError(text: string, from: 'scheduler' | 'other' = 'other'): void {
    this.send({ type: 'error', error: text, from });
  }
}

/** The scheduler's uncomputable deadlines, each change told to the main thread, which /health reads. */
class ToldErrors extends Map<string, CheckError[]> {
  constructor(private readonly send: Send) {
    super();
  }

  override set(issueId: string, errors: CheckError[]): this {
    this.send({ type: 'uncomputable', issueId, errors });
    return super.set(issueId, errors);
  }

  override delete(issueId: string): boolean {
    const had = super.delete(issueId);
    if (had) this.send({ type: 'uncomputable', issueId, errors: [] });
    return had;
  }
}

/**
 * The escalation scheduler's thread (started by `SchedulerThread`): the saga's log → delayed
 * check half and the check worker that takes the due jobs, with their own connections to the
 * stores and to Redis, so the main thread's event loop keeps to commands and queries (a
 * worker on it is woken by every job added, and that wake-up cost the commands 7%). The
 * scheduler is the main thread's, fed by its own checkpointed subscription (the same
 * checkpoint), timing by the rules the log records (the main thread records each version
 * before it uses it) and the suspensions it holds. The check worker reads the issues here
 * and sends each due check's command to the main thread, whose one command handler decides
 * and appends. The reconciler and the re-timing of a reload stay on the main thread: they
 * answer requests there.
 */
serveWorker<FromScheduler, ToScheduler>(async ({ send, onAppended, onMessage }) => {
  const { stores, escalation, calendar } = workerData as SchedulerWorkerData;
  const { events, readStore, close: closeStores } = await openWorkerStores(stores, onAppended);
  const log = new ToldLog(send);
  const redis = new RedisConnections(escalation.redisUrl, log);
  const queue = createCheckQueue(redis.forProducers, escalation.queuePrefix);
  queue.on('error', (error: Error) => log.noteError(`check queue: ${error.message}`));
  const checkQueue = new CheckQueue(queue, redis.client, systemClock);
  const cache = new AggregateCache();
  const rules = new RulesFromLog(events, { policyFile: escalation.policyFile, calendar }, cache);
  const book = new SuspensionBook(events, readStore);
  const { policy, calendar: days } = rules;
  const retimer = new IssueRetimer({
    readStore,
    checkQueue,
    policy,
    calendar: days,
    clock: systemClock,
    suspensions: book,
  });
  const scheduler = new EscalationScheduler(
    events,
    policy,
    days,
    checkQueue,
    book,
    retimer,
    cache,
    new ToldErrors(send),
  );
  const reactor = schedulerReactor(
    events,
    readStore,
    {
      name: scheduler.name,
      react: async (batch) => {
        // The versions the main thread put in force before appending what follows them.
        await rules.refresh();
        await scheduler.react(batch);
        send({ type: 'scheduled', position: batch[batch.length - 1].position });
      },
    },
    log,
  );
  const relay = new CommandRelay(send, () => systemClock.now());
  onMessage((answer) => relay.answered(answer));
  const checkWorker = new CheckWorker({
    connection: redis.forWorkers,
    prefix: escalation.queuePrefix,
    concurrency: escalation.workerConcurrency,
    execute: (command) => relay.execute(command),
    load: (issueId) => loadIssueDeadlines(events, issueId, cache),
    policy,
    calendar: days,
    refreshRules: () => rules.refresh(),
    suspensions: book,
    clock: systemClock,
    lockDuration: escalation.lockMs,
  }).watch(
    (text) => log.noteError(text),
    (text) => send({ type: 'check-failed', text }),
  );
  const close = async (): Promise<void> => {
    redis.onModuleDestroy();
    // The jobs it is running finish first: their commands are answered while the main thread stops.
    await checkWorker.beforeApplicationShutdown();
    await checkQueue.onApplicationShutdown();
    redis.onApplicationShutdown();
    await closeStores();
  };
  try {
    await rules.refresh();
    await reactor.start();
  } catch (error) {
    await close();
    throw error;
  }
  send({ type: 'started', position: reactor.position() });
  checkWorker.onApplicationBootstrap();
  return async () => {
    await reactor.stop();
    await close();
  };
});
