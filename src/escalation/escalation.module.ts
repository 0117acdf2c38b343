import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../clock/clock';
import { AggregateCache } from '../command-handling/aggregate-cache';
import {
  APP_CONFIG,
  ESCALATION_SETTINGS,
  type AppConfig,
  type CalendarConfig,
  type EscalationConfig,
  type ProjectionsThread,
} from '../config/app-config';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import type { CommandResult, ExecuteIssueCommand } from '../issues/commands/execute-issue-command';
import { NotificationsModule } from '../notifications/notifications.module';
import { Reactor, type Reaction } from '../reactors/reactor';
import { READ_STORE, type ReadStore } from '../ports/read-store';
import { EscalationLog, errorMessage } from './escalation-log';
import { EscalationOutlook } from './escalation-outlook';
import { EscalationOff, EscalationStatus, LiveEscalationStatus } from './escalation-status';
import { ESCALATION_POLICY, WORKING_CALENDAR } from './policy/escalation-policy';
import { RulesRetimer } from './retime/rules-retimer';
import { RulesAdminController } from './rules/rules-admin.controller';
import { loadRules } from './rules/rules-snapshot';
import { RulesInForce } from './rules/rules-in-force';
import { RulesReloadSignal } from './rules/rules-reload-signal';
import { CheckQueue, createCheckQueue } from './queue/check-queue';
import { CHECK_WORKER_HOOKS, CheckWorker, hookedExecute, type CheckWorkerHooks } from './queue/check-worker';
import { EscalationScheduler, SCHEDULER_REACTOR, schedulerReactor } from './queue/escalation-scheduler';
import { SCHEDULER_STATE, type SchedulerState } from './queue/scheduler-state';
import { SchedulerThread } from './thread/scheduler-thread';
import { workerStores } from '../threads/worker-protocol';
import { loadIssueDeadlines } from './queue/issue-deadlines';
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

/**
 * The scheduler and the check worker on this thread (PROJECTIONS_THREAD=main: the specs, whose
 * clock is the engine's).
 */
const schedulingHere: Provider[] = [
  {
    provide: EscalationScheduler,
    // The rules in force at each use: a reload re-times without rebuilding anything.
    inject: [EVENT_STORE, RulesInForce, CheckQueue, SUSPENSION_BOOK, IssueRetimer, AggregateCache],
    useFactory: (
      eventStore: EventStore,
      rules: RulesInForce,
      checkQueue: CheckQueue,
      book: SuspensionBook,
      retimer: IssueRetimer,
      cache: AggregateCache,
    ) => new EscalationScheduler(eventStore, rules.policy, rules.calendar, checkQueue, book, retimer, cache),
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
      schedulerReactor(eventStore, readStore, reportingTo(log, scheduler), log),
  },
  // The check worker beside it, on the engine's clock.
  {
    provide: CheckWorker,
    inject: [
      ESCALATION_SETTINGS,
      RedisConnections,
      CommandBus,
      CLOCK,
      EscalationLog,
      CHECK_WORKER_HOOKS,
      EVENT_STORE,
      AggregateCache,
      RulesInForce,
      SUSPENSION_BOOK,
    ],
    useFactory: (
      settings: EscalationConfig,
      redis: RedisConnections,
      commandBus: CommandBus,
      clock: Clock,
      log: EscalationLog,
      hooks: CheckWorkerHooks,
      eventStore: EventStore,
      cache: AggregateCache,
      rules: RulesInForce,
      book: SuspensionBook,
    ) => {
      const checkWorker = new CheckWorker({
        connection: redis.forWorkers,
        prefix: settings.queuePrefix,
        concurrency: settings.workerConcurrency,
        execute: hookedExecute(
          (command) => commandBus.execute<ExecuteIssueCommand, CommandResult>(command),
          hooks,
        ),
        load: (issueId) => loadIssueDeadlines(eventStore, issueId, cache),
        // Read at each use: a job derives its checks under the rules in force when it runs.
        policy: rules.policy,
        calendar: rules.calendar,
        // A suspension moves the checks: the job derives them with its periods, as the scheduler does.
        suspensions: book,
        clock,
        lockDuration: settings.lockMs,
      });
      return checkWorker.watch(
        (text) => log.noteError(text),
        (text) => log.logger.error(text),
      );
    },
  },
  {
    provide: SCHEDULER_STATE,
    inject: [EscalationScheduler, SCHEDULER_REACTOR],
    useFactory: (scheduler: EscalationScheduler, reactor: Reactor): SchedulerState => ({
      errors: scheduler.errors,
      position: () => reactor.position(),
    }),
  },
];

/**
 * The scheduler and the check worker in their worker thread, beside the projector's
 * (PROJECTIONS_THREAD=worker, the default): the check worker's commands come back here, to
 * the one command handler, with the crash tests' hooks around them.
 */
const schedulingInWorker = (calendar: CalendarConfig): Provider[] => [
  {
    provide: SchedulerThread,
    inject: [APP_CONFIG, ESCALATION_SETTINGS, EVENT_STORE, EscalationLog, CommandBus, CHECK_WORKER_HOOKS],
    useFactory: (
      config: AppConfig,
      settings: EscalationConfig,
      eventStore: EventStore,
      log: EscalationLog,
      commandBus: CommandBus,
      hooks: CheckWorkerHooks,
    ) =>
      new SchedulerThread(
        {
          stores: workerStores(config),
          escalation: {
            redisUrl: settings.redisUrl,
            queuePrefix: settings.queuePrefix,
            policyFile: settings.policyFile,
            workerConcurrency: settings.workerConcurrency,
            lockMs: settings.lockMs,
          },
          calendar,
        },
        eventStore,
        log,
        hookedExecute((command) => commandBus.execute<ExecuteIssueCommand, CommandResult>(command), hooks),
      ),
  },
  { provide: SCHEDULER_STATE, useExisting: SchedulerThread },
];

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
      const queue = createCheckQueue(redis.forProducers, settings.queuePrefix);
      queue.on('error', (error: Error) => log.noteError(`check queue: ${error.message}`));
      return new CheckQueue(queue, redis.client, clock);
    },
  },
  {
    provide: IssueRetimer,
    inject: [READ_STORE, RulesInForce, SUSPENSION_BOOK, CheckQueue, CLOCK],
    useFactory: (
      readStore: ReadStore,
      rules: RulesInForce,
      book: SuspensionBook,
      checkQueue: CheckQueue,
      clock: Clock,
    ) =>
      new IssueRetimer({
        readStore,
        checkQueue,
        policy: rules.policy,
        calendar: rules.calendar,
        clock,
        suspensions: book,
      }),
  },
  // The worker's decider sees the suspensions in force and the checks' times as they stand now.
  {
    provide: AUTOMATIC_DECISIONS,
    inject: [RulesInForce, SUSPENSION_BOOK],
    useFactory: (rules: RulesInForce, book: SuspensionBook) =>
      automaticDecisions(() => rules.policy, rules.calendar, book),
  },
  // No fault hooks in the app; the crash tests override this provider when they build one.
  { provide: CHECK_WORKER_HOOKS, useValue: {} satisfies CheckWorkerHooks },
  {
    provide: Reconciler,
    inject: [
      READ_STORE,
      RulesInForce,
      CheckQueue,
      CLOCK,
      ESCALATION_SETTINGS,
      EscalationLog,
      SUSPENSION_BOOK,
    ],
    useFactory: (
      readStore: ReadStore,
      rules: RulesInForce,
      checkQueue: CheckQueue,
      clock: Clock,
      settings: EscalationConfig,
      log: EscalationLog,
      book: SuspensionBook,
    ) =>
      new Reconciler(
        readStore,
        rules.policy,
        rules.calendar,
        checkQueue,
        clock,
        settings.reconcileIntervalMs,
        (error) => log.noteError(`reconciling checks failed: ${errorMessage(error)}`),
        () => log.reconciled(),
        book,
      ),
  },
  {
    provide: RulesRetimer,
    inject: [
      RulesInForce,
      READ_STORE,
      CheckQueue,
      CLOCK,
      EscalationLog,
      SCHEDULER_STATE,
      Reconciler,
      SUSPENSION_BOOK,
    ],
    useFactory: (
      rules: RulesInForce,
      readStore: ReadStore,
      checkQueue: CheckQueue,
      clock: Clock,
      log: EscalationLog,
      scheduler: SchedulerState,
      reconciler: Reconciler,
      book: SuspensionBook,
    ) =>
      new RulesRetimer(
        rules,
        {
          readStore,
          checkQueue,
          policy: rules.policy,
          calendar: rules.calendar,
          // A due time the replaced rules gave and these do not: its job is removed.
          previous: () => rules.previous(),
          clock,
          // A reload during a suspension keeps the suspension's shift.
          suspensions: book,
          // What /health lists as not schedulable is what the rules in force cannot place.
          onIssue: (issueId, errors) =>
            errors.length > 0 ? scheduler.errors.set(issueId, errors) : scheduler.errors.delete(issueId),
        },
        log,
        // A pass after the re-timing refreshes the reconciler's own list of what cannot be placed.
        () => reconciler.run(),
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
  static forRoot(
    settings: EscalationConfig,
    calendar: CalendarConfig,
    /** Where the scheduler runs: `worker` beside the projector's, or on this thread. */
    schedulerThread: ProjectionsThread = 'main',
  ): DynamicModule {
    // Read now, before any provider (a Redis connection, a queue) exists, so a bad file stops
    // the start with its entry named and leaves nothing open; recorded in the log at init.
    const files = { policyFile: settings.policyFile, calendar };
    const initial = loadRules(files);
    const shared: Provider[] = [
      { provide: ESCALATION_SETTINGS, useValue: settings },
      {
        provide: RulesInForce,
        inject: [EVENT_STORE, CLOCK],
        useFactory: (eventStore: EventStore, clock: Clock) =>
          new RulesInForce(files, eventStore, clock, initial),
      },
      // The rules in force at each call, for whatever injects the policy or the calendar alone.
      {
        provide: ESCALATION_POLICY,
        inject: [RulesInForce],
        useFactory: (rules: RulesInForce) => rules.policy,
      },
      {
        provide: WORKING_CALENDAR,
        inject: [RulesInForce],
        useFactory: (rules: RulesInForce) => rules.calendar,
      },
      RulesReloadSignal,
      EscalationOutlook,
    ];
    const exports = [
      ESCALATION_SETTINGS,
      RulesInForce,
      ESCALATION_POLICY,
      WORKING_CALENDAR,
      EscalationOutlook,
      EscalationStatus,
    ];
    if (!settings.enabled) {
      return {
        module: EscalationModule,
        global: true,
        controllers: [RulesAdminController],
        providers: [...shared, { provide: EscalationStatus, useClass: EscalationOff }],
        exports,
      };
    }
    return {
      module: EscalationModule,
      // Global, so the features that show escalation (the issue view, /health) see it as configured.
      global: true,
      imports: [NotificationsModule],
      controllers: [RulesAdminController],
      providers: [
        ...shared,
        ...running,
        ...(schedulerThread === 'worker' ? schedulingInWorker(calendar) : schedulingHere),
        { provide: EscalationStatus, useClass: LiveEscalationStatus },
      ],
      exports: [...exports, EscalationLog, RedisConnections, IssueRetimer, AUTOMATIC_DECISIONS],
    };
  }
}
