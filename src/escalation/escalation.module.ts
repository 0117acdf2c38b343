import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Queue } from 'bullmq';
import { CLOCK, type Clock } from '../clock/clock';
import { ESCALATION_SETTINGS, type CalendarConfig, type EscalationConfig } from '../config/app-config';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import type { CommandResult, ExecuteIssueCommand } from '../issues/commands/execute-issue-command';
import { upcastIssueEvent } from '../issues/domain/issue-upcasters';
import { NotificationsModule } from '../notifications/notifications.module';
import { Reactor, type Reaction } from '../reactors/reactor';
import { READ_STORE, type ReadStore } from '../ports/read-store';
import { chineseWorkingCalendar } from './calendar/chinese-working-calendar';
import type { WorkingCalendar } from './calendar/working-calendar';
import type { EscalationCheck } from './checks/escalation-check';
import { EscalationLog, errorMessage } from './escalation-log';
import { EscalationOutlook } from './escalation-outlook';
import { EscalationOff, EscalationStatus, LiveEscalationStatus } from './escalation-status';
import { loadEscalationPolicy } from './policy/load-policy';
import { ESCALATION_POLICY, WORKING_CALENDAR, type EscalationPolicy } from './policy/escalation-policy';
import { CheckQueue } from './queue/check-queue';
import { CHECK_WORKER_HOOKS, CheckWorker, type CheckWorkerHooks } from './queue/check-worker';
import { EscalationScheduler, SCHEDULER_REACTOR } from './queue/escalation-scheduler';
import { QUEUE_NAMES } from './queue/queue-names';
import { Reconciler } from './queue/reconciler';
import { RedisConnections } from './queue/redis-connections';
import { IssueRetimer } from './queue/retime-issues';
import { automaticDecisions } from './checks/automatic-timing';
import { AUTOMATIC_DECISIONS } from '../issues/commands/automatic-decisions';
import { SUSPENSION_BOOK, type SuspensionBook } from '../suspensions/suspension-book';

/**
 * The escalation graph, built by Nest: the Redis connections, the check queue, the scheduler
 * and its reactor, the check worker, the reconciler, notifications, and what /health and Bull
 * Board read. Each provider that owns a resource starts and stops it in its own lifecycle
 * hooks: consumers start with the app and stop before the stores close, queues and
 * connections close last, and nothing reconnects once the engine stops.
 */
/** The scheduler, telling the log of each batch it queued without error. */
const reportingTo = (log: EscalationLog, scheduler: EscalationScheduler): Reaction => ({
  name: scheduler.name,
  react: async (events) => {
    await scheduler.react(events);
    log.scheduled();
  },
});

const running: Provider[] = [
  EscalationLog,
  {
    provide: RedisConnections,
    inject: [ESCALATION_SETTINGS, EscalationLog],
    useFactory: (settings: EscalationConfig, log: EscalationLog) =>
      new RedisConnections(settings.redisUrl, log),
  },
  {
    provide: CheckQueue,
    inject: [ESCALATION_SETTINGS, RedisConnections, EscalationLog, CLOCK],
    useFactory: (settings: EscalationConfig, redis: RedisConnections, log: EscalationLog, clock: Clock) => {
      const queue = new Queue<EscalationCheck>(QUEUE_NAMES.checks, {
        connection: redis.forProducers,
        prefix: settings.queuePrefix,
      });
      queue.on('error', (error: Error) => log.noteError(`check queue: ${error.message}`));
      return new CheckQueue(queue, redis.client, clock);
    },
  },
  {
    provide: IssueRetimer,
    inject: [
      EVENT_STORE,
      READ_STORE,
      ESCALATION_POLICY,
      WORKING_CALENDAR,
      SUSPENSION_BOOK,
      CheckQueue,
      CLOCK,
    ],
    useFactory: (
      eventStore: EventStore,
      readStore: ReadStore,
      policy: EscalationPolicy,
      calendar: WorkingCalendar,
      book: SuspensionBook,
      checkQueue: CheckQueue,
      clock: Clock,
    ) => new IssueRetimer(eventStore, readStore, () => policy, calendar, book, checkQueue, clock),
  },
  {
    provide: EscalationScheduler,
    inject: [EVENT_STORE, ESCALATION_POLICY, WORKING_CALENDAR, CheckQueue, SUSPENSION_BOOK, IssueRetimer],
    useFactory: (
      eventStore: EventStore,
      policy: EscalationPolicy,
      calendar: WorkingCalendar,
      checkQueue: CheckQueue,
      book: SuspensionBook,
      retimer: IssueRetimer,
    ) => new EscalationScheduler(eventStore, policy, calendar, checkQueue, book, retimer),
  },
  // The worker's decider sees the suspensions in force and the checks' times as they stand now.
  {
    provide: AUTOMATIC_DECISIONS,
    inject: [ESCALATION_POLICY, WORKING_CALENDAR, SUSPENSION_BOOK],
    useFactory: (policy: EscalationPolicy, calendar: WorkingCalendar, book: SuspensionBook) =>
      automaticDecisions(() => policy, calendar, book),
  },
  {
    provide: SCHEDULER_REACTOR,
    inject: [EVENT_STORE, READ_STORE, EscalationScheduler, EscalationLog],
    useFactory: (
      eventStore: EventStore,
      readStore: ReadStore,
      scheduler: EscalationScheduler,
      log: EscalationLog,
    ) =>
      // Each batch that goes through tells the log, which clears an error the graph got over.
      new Reactor(eventStore, readStore, reportingTo(log, scheduler), {
        upcast: upcastIssueEvent,
        onError: (error) =>
          log.noteError(`scheduling checks failed, retrying the batch: ${errorMessage(error)}`, 'scheduler'),
      }),
  },
  // No fault hooks in the app; the crash tests override this provider when they build one.
  { provide: CHECK_WORKER_HOOKS, useValue: {} satisfies CheckWorkerHooks },
  {
    provide: CheckWorker,
    inject: [ESCALATION_SETTINGS, RedisConnections, CommandBus, CLOCK, EscalationLog, CHECK_WORKER_HOOKS],
    useFactory: (
      settings: EscalationConfig,
      redis: RedisConnections,
      commandBus: CommandBus,
      clock: Clock,
      log: EscalationLog,
      hooks: CheckWorkerHooks,
    ) => {
      const checkWorker = new CheckWorker({
        connection: redis.forWorkers,
        prefix: settings.queuePrefix,
        concurrency: settings.workerConcurrency,
        execute: (command) => commandBus.execute<ExecuteIssueCommand, CommandResult>(command),
        clock,
        lockDuration: settings.lockMs,
        beforeAppend: hooks.beforeAppend,
        afterAppend: hooks.afterAppend,
      });
      checkWorker.worker.on('error', (error: Error) => log.noteError(`check worker: ${error.message}`));
      checkWorker.worker.on('failed', (job, error) => {
        if (job && job.attemptsMade >= (job.opts.attempts ?? 1))
          log.logger.error(`check ${job.id} failed for good: ${error.message}`);
      });
      return checkWorker;
    },
  },
  {
    provide: Reconciler,
    inject: [
      READ_STORE,
      ESCALATION_POLICY,
      WORKING_CALENDAR,
      CheckQueue,
      CLOCK,
      ESCALATION_SETTINGS,
      EscalationLog,
      SUSPENSION_BOOK,
    ],
    useFactory: (
      readStore: ReadStore,
      policy: EscalationPolicy,
      calendar: WorkingCalendar,
      checkQueue: CheckQueue,
      clock: Clock,
      settings: EscalationConfig,
      log: EscalationLog,
      book: SuspensionBook,
    ) =>
      new Reconciler(
        readStore,
        policy,
        calendar,
        checkQueue,
        clock,
        settings.reconcileIntervalMs,
        (error) => log.noteError(`reconciling checks failed: ${errorMessage(error)}`),
        () => log.reconciled(),
        book,
      ),
  },
];

@Module({})
export class EscalationModule {
  /**
   * Automatic escalation as configured. The policy file is read here, before anything starts,
   * so a bad entry stops the start with its path named; off (ESCALATION=off), nothing of the
   * graph is built, while the issue view still shows the next step of the ladder.
   */
  static forRoot(settings: EscalationConfig, calendar: CalendarConfig): DynamicModule {
    const shared: Provider[] = [
      { provide: ESCALATION_SETTINGS, useValue: settings },
      { provide: ESCALATION_POLICY, useValue: loadEscalationPolicy(settings.policyFile) },
      { provide: WORKING_CALENDAR, useValue: chineseWorkingCalendar(calendar) },
      EscalationOutlook,
    ];
    const exports = [
      ESCALATION_SETTINGS,
      ESCALATION_POLICY,
      WORKING_CALENDAR,
      EscalationOutlook,
      EscalationStatus,
    ];
    if (!settings.enabled) {
      return {
        module: EscalationModule,
        global: true,
        providers: [...shared, { provide: EscalationStatus, useClass: EscalationOff }],
        exports,
      };
    }
    return {
      module: EscalationModule,
      // Global, so the features that show escalation (the issue view, /health) see it as configured.
      global: true,
      imports: [NotificationsModule],
      providers: [...shared, ...running, { provide: EscalationStatus, useClass: LiveEscalationStatus }],
      exports: [...exports, EscalationLog, RedisConnections, IssueRetimer, AUTOMATIC_DECISIONS],
    };
  }
}
