import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type Queue } from 'bullmq';
import type { Clock } from '../../src/clock/clock';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { EscalationLog } from '../../src/escalation/escalation-log';
import { Redis } from 'ioredis';
import { createCheckQueue, delayedTime } from '../../src/escalation/queue/check-queue';
import { SYSTEM_ACTOR } from '../../src/escalation/queue/check-worker';
import type { CheckJobData } from '../../src/escalation/queue/deadline-jobs';
import { issueJobs } from '../../src/escalation/queue/deadline-jobs';
import { loadIssueDeadlines } from '../../src/escalation/queue/issue-deadlines';
import { connectionFrom, QUEUE_NAMES } from '../../src/escalation/queue/queue-names';
import { RulesInForce } from '../../src/escalation/rules/rules-in-force';
import type { RulesSnapshot } from '../../src/escalation/rules/rules-snapshot';
import { SchedulerThread } from '../../src/escalation/thread/scheduler-thread';
import type { StoredEvent } from '../../src/event-store/event-store';
import type { CommandResult, ExecuteIssueCommand } from '../../src/issues/commands/execute-issue-command';
import { ForbiddenByRuleError, NotYetDueError } from '../../src/shared-kernel/domain-errors';
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
 * place. Its check worker takes the due jobs and sends their commands here, to `execute`
 * (the engine's command handler), whose refusals it acts on as it would on this thread. The
 * worker loads these very sources through its transpiling hook.
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
  /** The commands the thread's check worker sent here, and how this thread answers them, by issue. */
  const sent: ExecuteIssueCommand[] = [];
  const answers = new Map<string, () => CommandResult>();
  const execute = async (command: ExecuteIssueCommand): Promise<CommandResult> => {
    sent.push(command);
    const answer = answers.get(command.issueId);
    if (!answer) throw new Error(`no answer for ${command.issueId}`);
    return answer();
  };

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
    const { redisUrl, queuePrefix, workerConcurrency, lockMs } = config.escalation;
    thread = new SchedulerThread(
      {
        stores: workerStores(config),
        escalation: { redisUrl, queuePrefix, policyFile, workerConcurrency, lockMs },
        calendar: config.calendar,
      },
      events,
      new EscalationLog(clock),
      execute,
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
  const emergency = (
    issueId: string,
    occurredAt = new Date(Math.ceil(Date.now() / 3_600_000 + 1) * 3_600_000).toISOString(),
  ): StoredEvent =>
    log.add(issueId, 'IssueReported', {
      title: `emergency ${issueId}`,
      description: null,
      category: 'safety-emergency',
      severity: 'medium',
      district: 'huli',
      site: 'Hecuo road',
      source: 'inspection',
      reportedBy: 'inspector',
      occurredAt,
    });

  /** An emergency whose first response (4 h, before the reload below) is due a second from now. */
  const dueInASecond = (issueId: string): StoredEvent =>
    emergency(issueId, new Date(Date.now() - 4 * 3_600_000 + 1000).toISOString());

  it("sends each due check's command to this thread, and acts on its refusals as this thread's worker would", async () => {
    const later = new Date(Date.now() + 3_600_000);
    answers.set('early', () => {
      throw new NotYetDueError('level 1', later, new Date());
    });
    answers.set('refused', () => {
      throw new ForbiddenByRuleError('the policy refuses it');
    });
    const early = dueInASecond('early');
    await appendAndSchedule([early, dueInASecond('refused')]);
    // The first response's job of each, which the worker may have taken already.
    const [earlyJob] = await derived('early', rules.current());
    const [refusedJob] = await derived('refused', rules.current());

    // "Not yet due" crossed the thread as itself: the job waits for the time it names.
    const redis = new Redis(TEST_REDIS_URL);
    const delayed = `${config.escalation.queuePrefix}:${QUEUE_NAMES.checks}:delayed`;
    try {
      await waitUntil(
        // The worker's clock is read twice on the way: a millisecond may tick between.
        async () =>
          Math.abs(delayedTime((await redis.zscore(delayed, earlyJob)) ?? '0') - later.getTime()) <= 5,
        'the early check to wait for the time it was told',
        15_000,
      );
    } finally {
      redis.disconnect();
    }
    // A refusal of the domain is poison: the job fails for good with the reason, not retried.
    await waitUntil(
      async () => (await queue.getJob(refusedJob))?.failedReason !== undefined,
      'the refused check to fail',
      15_000,
    );
    expect((await queue.getJob(refusedJob))!.failedReason).toBe('the policy refuses it');
    expect((await queue.getJob(refusedJob))!.attemptsMade).toBe(1);

    // What came here is the saga's command, under the system's name and the check's own key.
    const first = sent.find((c) => c.issueId === 'early')!;
    expect(['WarnOfEscalation', 'EscalateAutomatically']).toContain(first.command.type);
    expect(first.context.actor).toBe(SYSTEM_ACTOR);
    expect(first.context.idempotencyKey).toMatch(/^(warn|escalate)-early-/);
    // Its times crossed as times (a Date of the worker's realm: its methods, not instanceof).
    const deadline = Date.parse(early.metadata.occurredAt) + 4 * 3_600_000;
    expect((first.command.data as { dueAt: Date }).dueAt.getTime()).toBe(deadline);
  }, 60_000);

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
