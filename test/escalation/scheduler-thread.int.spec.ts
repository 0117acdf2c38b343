import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type Queue } from 'bullmq';
import type { Clock } from '../../src/clock/clock';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { EscalationLog } from '../../src/escalation/escalation-log';
import { createCheckQueue } from '../../src/escalation/queue/check-queue';
import type { CheckJobData } from '../../src/escalation/queue/deadline-jobs';
import { issueJobs } from '../../src/escalation/queue/deadline-jobs';
import { loadIssueDeadlines } from '../../src/escalation/queue/issue-deadlines';
import { connectionFrom } from '../../src/escalation/queue/queue-names';
import { RulesInForce } from '../../src/escalation/rules/rules-in-force';
import type { RulesSnapshot } from '../../src/escalation/rules/rules-snapshot';
import { SchedulerThread } from '../../src/escalation/thread/scheduler-thread';
import type { StoredEvent } from '../../src/event-store/event-store';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { workerStores } from '../../src/threads/worker-protocol';
import { deleteQueueKeys, freshQueuePrefix, TEST_REDIS_URL } from '../e2e/redis-keys';
import { waitUntil } from '../event-store/fixtures/helpers';
import { appendStored, EventLog } from '../projections/issue-events.fixture';

const POLICY = path.join(__dirname, '..', '..', 'config', 'escalation-policy.yaml');
const clock: Clock = { now: () => new Date('2026-06-01T00:00:00.000Z') };
const admin = { actor: 'admin', correlationId: 'reload', causationId: null };

/**
 * The escalation scheduler in its own worker thread (PROJECTIONS_THREAD=worker), seen from the
 * main thread: what this thread appends wakes it, it queues each deadline's check in Redis
 * under the job id the main thread's own derivation gives (the id names the issue, the
 * deadline and its due time), times them by the versions the log records (a reload here is in
 * force there for what follows it), and tells this thread which deadlines the calendar cannot
 * place. The worker loads these very sources through its transpiling hook.
 */
describe('SchedulerThread (the escalation scheduler in a worker thread)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scheduler-thread-'));
  const policyFile = path.join(dir, 'policy.yaml');
  let config: AppConfig;
  let events: SqliteEventStore;
  let rules: RulesInForce;
  let queue: Queue<CheckJobData>;
  let thread: SchedulerThread;
  const log = new EventLog();

  beforeAll(async () => {
    fs.copyFileSync(POLICY, policyFile);
    config = loadConfig({
      DATA_DIR: dir,
      REDIS_URL: TEST_REDIS_URL,
      ESCALATION_QUEUE_PREFIX: freshQueuePrefix('scheduler-thread'),
      ESCALATION_POLICY: policyFile,
    });
    events = SqliteEventStore.open(path.join(dir, 'events.db'));
    // What the engine's start does before anything runs: the versions in force are recorded.
    rules = new RulesInForce({ policyFile, calendar: config.calendar }, events, clock);
    await rules.onModuleInit();
    queue = createCheckQueue(
      connectionFrom(TEST_REDIS_URL, () => false),
      config.escalation.queuePrefix,
    );
    const { redisUrl, queuePrefix } = config.escalation;
    thread = new SchedulerThread(
      {
        stores: workerStores(config),
        escalation: { redisUrl, queuePrefix, policyFile },
        calendar: config.calendar,
      },
      events,
      new EscalationLog(clock),
    );
    await thread.start();
  }, 60_000);

  afterAll(async () => {
    await thread.stop();
    await queue.close();
    await deleteQueueKeys(TEST_REDIS_URL, config.escalation.queuePrefix);
    await events.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Appends hand-built events as the command side would, and waits for the worker to schedule them. */
  async function appendAndSchedule(stored: StoredEvent[]): Promise<void> {
    const position = await appendStored(events, stored);
    await waitUntil(() => thread.position() >= position, `the scheduler at position ${position}`, 30_000);
  }

  const jobIdsOf = async (issueId: string): Promise<string[]> =>
    (await queue.getJobs(['delayed', 'waiting']))
      .filter((job) => job.data.issueId === issueId)
      .map((job) => job.id!)
      .sort();

  /** The job ids the main thread derives for an issue under `snapshot`. */
  async function derived(issueId: string, snapshot: RulesSnapshot): Promise<string[]> {
    const doc = await loadIssueDeadlines(events, issueId);
    return issueJobs(doc!, snapshot.policy, snapshot.calendar)
      .jobs.map((job) => job.id)
      .sort();
  }

  /**
   * An emergency reported an hour from now by the wall clock, which is the worker's and the
   * store's (a deadline already past when the store recorded it gets no check); its first
   * response is counted in calendar hours, whatever year the calendar covers.
   */
  const emergency = (issueId: string): StoredEvent => {
    const soon = new Date(Math.ceil(Date.now() / 3_600_000 + 1) * 3_600_000).toISOString();
    return log.add(issueId, 'IssueReported', {
      title: `emergency ${issueId}`,
      description: null,
      category: 'safety-emergency',
      severity: 'medium',
      district: 'huli',
      site: 'Hecuo road',
      source: 'inspection',
      reportedBy: 'inspector',
      occurredAt: soon,
    });
  };

  it('queues the checks of what this thread appends, timed by the versions the log records', async () => {
    await appendAndSchedule([emergency('a')]);
    const before = rules.current();
    expect(await jobIdsOf('a')).toEqual(await derived('a', before));
    expect(await jobIdsOf('a')).toHaveLength(1);

    // A reload on this thread: the worker times what follows it by the new version.
    fs.writeFileSync(
      policyFile,
      fs
        .readFileSync(POLICY, 'utf8')
        .replace('"*":      { firstResponse: 4h,', '"*":      { firstResponse: 8h,'),
    );
    const change = await rules.reload('admin', admin);
    expect(change.policy.changes).toContain('rules.safety-emergency.*.firstResponse: 4h → 8h');
    await appendAndSchedule([emergency('b')]);
    expect(await jobIdsOf('b')).toEqual(await derived('b', rules.current()));
    expect(await jobIdsOf('b')).not.toEqual(await derived('b', before));
    expect(thread.errors.size).toBe(0);
  }, 60_000);

  it('tells this thread of the deadlines the calendar cannot place, and queues none for them', async () => {
    // 2028 is a year neither the package nor a calendar file covers, and the calendar refuses it.
    await appendAndSchedule([log.reported('c', '2028-03-01T01:00:00.000Z', 'siming')]);
    expect(thread.errors.get('c')).toEqual([
      expect.objectContaining({ issueId: 'c', remediationId: null, reason: expect.stringContaining('2028') }),
    ]);
    expect(await jobIdsOf('c')).toEqual([]);
  }, 60_000);
});
