import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { CLOCK, type Clock } from '../clock/clock';
import { ESCALATION_SETTINGS, type EscalationConfig } from '../config/app-config';
import { Notifications } from '../notifications/notifications';
import { calendarHealth } from './calendar/calendar-coverage';
import type { WorkingCalendar } from './calendar/working-calendar';
import { errorMessage, EscalationLog } from './escalation-log';
import { ESCALATION_POLICY, WORKING_CALENDAR, type EscalationPolicy } from './policy/escalation-policy';
import { CheckQueue } from './queue/check-queue';
import { jobTime } from './queue/deadline-jobs';
import { SCHEDULER_STATE, type SchedulerState } from './queue/scheduler-state';
import { Reconciler } from './queue/reconciler';
import { REDIS_HINT, redactUrl } from './queue/redis-connections';
import { withinRedisDeadline } from './queue/redis-deadline';
import { RulesRetimer } from './retime/rules-retimer';
import { rulesHealth } from './rules/rules-health';
import { RulesInForce } from './rules/rules-in-force';

/** What the engine says about automatic escalation: its part of /health, and the queues Bull Board shows. */
export abstract class EscalationStatus {
  /** Queue depth, the oldest overdue check, the reconciler and scheduler state. */
  abstract health(): Promise<Record<string, unknown>>;
  /** The queues an operator sees in Bull Board. */
  abstract queues(): Queue[];
}

/** ESCALATION=off: no Redis, no queues, nothing escalates by itself. */
@Injectable()
export class EscalationOff extends EscalationStatus implements OnApplicationBootstrap {
  private readonly logger = new Logger('Escalation');

  constructor(private readonly rules: RulesInForce) {
    super();
  }

  onApplicationBootstrap(): void {
    this.logger.warn('ESCALATION=off: nothing escalates automatically in this engine');
  }

  health(): Promise<Record<string, unknown>> {
    return Promise.resolve({ status: 'off', rules: rulesHealth(this.rules) });
  }

  queues(): Queue[] {
    return [];
  }
}

/**
 * Automatic escalation running in this engine: the scheduler reactor (log → delayed checks),
 * the check worker (due check → decider → IssueEscalated), the reconciler (deadlines read
 * model → missing checks) and webhook notifications. Every engine on one Redis runs all four;
 * job ids and the decider keep the result exactly once. Without Redis the engine still serves
 * commands and queries, and this says why nothing escalates.
 */
@Injectable()
export class LiveEscalationStatus extends EscalationStatus implements OnApplicationBootstrap {
  constructor(
    @Inject(ESCALATION_SETTINGS) private readonly settings: EscalationConfig,
    @Inject(ESCALATION_POLICY) private readonly policy: EscalationPolicy,
    @Inject(WORKING_CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly checkQueue: CheckQueue,
    private readonly notifications: Notifications,
    private readonly reconciler: Reconciler,
    @Inject(SCHEDULER_STATE) private readonly scheduler: SchedulerState,
    private readonly log: EscalationLog,
    private readonly rules: RulesInForce,
    private readonly retimer: RulesRetimer,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    const { redisUrl, queuePrefix, queuePrefixDerivedFrom: from, webhooks } = this.settings;
    const prefix = from
      ? `prefix "${queuePrefix}" (derived from the event log, ${from}; ESCALATION_QUEUE_PREFIX sets another)`
      : `prefix "${queuePrefix}" (ESCALATION_QUEUE_PREFIX)`;
    this.log.logger.log(
      `automatic escalation on: policy "${this.policy.name}" (${this.policy.source}), Redis ${redactUrl(redisUrl)}, ${prefix}, ${webhooks.length} webhook(s)`,
    );
  }

  queues(): Queue[] {
    return [this.checkQueue.queue, this.notifications.queue];
  }

  async health(): Promise<Record<string, unknown>> {
    const base = {
      queuePrefix: this.settings.queuePrefix,
      policy: { name: this.policy.name, source: this.policy.source, version: this.policy.version ?? null },
      calendar: calendarHealth(this.calendar),
      // The versions in force (stream system-config) and the last re-timing of pending checks.
      rules: { ...rulesHealth(this.rules), lastRetime: this.retimer.last },
      reconciler: this.reconciler.state(),
      scheduler: {
        position: this.scheduler.position(),
        uncomputable: [...this.scheduler.errors.values()].flat().slice(0, 20),
      },
      ...this.log.report(),
    };
    try {
      const [counts, notifications, oldest, paused] = await withinRedisDeadline(
        Promise.all([
          this.checkQueue.queue.getJobCounts('waiting', 'delayed', 'active', 'failed', 'completed'),
          this.notifications.queue.getJobCounts('waiting', 'delayed', 'active', 'failed', 'completed'),
          this.oldestOverdueCheck(),
          this.pausedQueues(),
        ]),
        'reading the queues',
        1500,
      );
      const degraded =
        paused.length > 0 ||
        base.reconciler.uncomputable.length > 0 ||
        base.scheduler.uncomputable.length > 0;
      return {
        status: degraded ? 'degraded' : 'up',
        redis: 'up',
        paused,
        checks: counts,
        notifications,
        oldestOverdueCheck: oldest,
        ...base,
      };
    } catch (error) {
      return { status: 'down', redis: 'down', error: `${errorMessage(error)}; ${REDIS_HINT}`, ...base };
    }
  }

  /**
   * The queues an operator paused (in Bull Board): nothing of theirs runs until they are
   * resumed, so due escalations or webhooks wait while everything else looks well.
   */
  private async pausedQueues(): Promise<string[]> {
    const queues = this.queues();
    const paused = await Promise.all(queues.map((queue) => queue.isPaused()));
    return queues.filter((_, i) => paused[i]).map((queue) => queue.name);
  }

  /**
   * The check that should have run longest ago and has not: the head of the waiting list, or
   * a delayed check whose time has passed (a worker-less or lagging engine shows here first).
   */
  private async oldestOverdueCheck(): Promise<{ jobId: string; runAt: string; lateMs: number } | null> {
    const queue = this.checkQueue.queue;
    const wallNow = Date.now();
    const [waiting, delayed] = await Promise.all([queue.getWaiting(0, 0), queue.getDelayed(0, 0)]);
    const candidates = [...waiting, ...delayed]
      .filter((job) => job !== undefined && job !== null)
      .map((job) => ({ job, at: jobTime(job) }))
      .filter(({ at }) => at <= wallNow);
    if (candidates.length === 0) return null;
    const oldest = candidates.reduce((a, b) => (a.at <= b.at ? a : b));
    // BullMQ times jobs by the wall clock; the engine's clock says how late.
    const runAt = oldest.at + this.clock.now().getTime() - wallNow;
    return {
      jobId: oldest.job.id ?? '',
      runAt: new Date(runAt).toISOString(),
      lateMs: wallNow - oldest.at,
    };
  }
}
