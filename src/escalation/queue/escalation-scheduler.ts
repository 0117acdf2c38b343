import type { AggregateCache } from '../../command-handling/aggregate-cache';
import type { EventStore, StoredEvent } from '../../event-store/event-store';
import { issueStreamId } from '../../issues/domain/issue-events';
import { issueIdOf } from '../../issues/domain/stored-issue-event';
import { Reactor, type Reaction } from '../../reactors/reactor';
import type { ReadStore } from '../../ports/read-store';
import { upcastIssueEvent } from '../../issues/domain/issue-upcasters';
import { errorMessage, type EscalationLog } from '../escalation-log';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { CheckError } from '../checks/pending-checks';
import type { EscalationPolicy } from '../policy/escalation-policy';
import type { SuspensionsForChecks } from '../checks/suspensions-for-checks';
import type { CheckQueue } from './check-queue';
import { issueJobs, type DeadlineJob } from './deadline-jobs';
import { issueDeadlinesStream, loadIssueDeadlines } from './issue-deadlines';
import { followInCache } from '../../command-handling/aggregate-stream';
import type { DeadlineDoc } from '../../../projections/escalation-deadlines/deadline-doc';
import type { IssueRetimer, RetimeTarget } from './retime-issues';

/** The suspension (force majeure) events that move the checks of the issues they cover. */
const SUSPENSION_EVENTS = new Set(['SuspensionApproved', 'SuspensionLifted']);

/**
 * The `Reactor` that feeds the scheduler from the log, on either thread: a failed batch is
 * noted as the scheduler's (until one goes through) and retried.
 */
export function schedulerReactor(
  eventStore: EventStore,
  readStore: ReadStore,
  reaction: Reaction,
  log: Pick<EscalationLog, 'noteError'>,
): Reactor {
  return new Reactor(eventStore, readStore, reaction, {
    upcast: upcastIssueEvent,
    onError: (error) =>
      log.noteError(`scheduling checks failed, retrying the batch: ${errorMessage(error)}`, 'scheduler'),
  });
}

/** Injection token of the `Reactor` that feeds the scheduler from the log. */
export const SCHEDULER_REACTOR = Symbol('SCHEDULER_REACTOR');

/**
 * The saga's scheduling half, fed by the durable subscription: each batch names the issues it
 * touched (a report, an assignment, an extension, an escalation, a closure...), and each of
 * those issues gets a job per open deadline, no later than the deadline's next check. Stale
 * jobs need no removal: a job derives its checks when it runs, finds none and ends. A
 * suspension approved or lifted re-times the jobs of every pending issue it covers (their
 * deadlines move by the time suspended).
 */
export class EscalationScheduler implements Reaction {
  readonly name = 'reactor:escalation-scheduler';
  constructor(
    private readonly eventStore: EventStore,
    private readonly policy: EscalationPolicy,
    private readonly calendar: WorkingCalendar,
    private readonly checkQueue: CheckQueue,
    private readonly suspensions: SuspensionsForChecks,
    private readonly retimer: IssueRetimer,
    /** The engine's aggregate states: the scheduler reads only what the log added since. */
    private readonly cache?: AggregateCache,
    /** Deadlines the calendar could not place, by issue, for /health. */
    readonly errors: Map<string, CheckError[]> = new Map(),
  ) {}

  async react(events: StoredEvent[]): Promise<void> {
    const issueEvents = new Map<string, StoredEvent[]>();
    const suspensionIds = new Set<string>();
    for (const event of events) {
      const issueId = issueIdOf(event);
      if (issueId !== null && event.streamId === issueStreamId(issueId)) {
        const streamEvents = issueEvents.get(issueId);
        if (streamEvents === undefined) issueEvents.set(issueId, [event]);
        else streamEvents.push(event);
      }
      const suspensionId = (event.data as { suspensionId?: unknown } | null)?.suspensionId;
      if (SUSPENSION_EVENTS.has(event.type) && typeof suspensionId === 'string')
        suspensionIds.add(suspensionId);
    }
    // The batch is the log itself: the book takes it in, and reads only what lies beyond.
    this.suspensions.observe?.(events);
    await this.suspensions.refresh();
    await this.retime(issueEvents.keys(), this.follow(issueEvents));
    for (const target of this.retimeTargets(suspensionIds)) await this.retimer.retime(target);
  }

  /**
   * Makes Redis hold the jobs these issues need now, at their times, whatever it held before:
   * what the scheduler does for each event (a time moved later needs nothing here; the job
   * wakes and goes back to sleep). The suspensions are as of the last refresh.
   */
  async retime(
    issueIds: Iterable<string>,
    known: ReadonlyMap<string, DeadlineDoc> = new Map(),
  ): Promise<void> {
    const jobs: DeadlineJob[] = [];
    for (const issueId of issueIds)
      jobs.push(...this.jobsFor(issueId, known.get(issueId) ?? (await this.load(issueId))));
    await this.checkQueue.schedule(jobs);
  }

  /**
   * The batch's issues as far as the batch tells them: their events are the log's, in order, so
   * each one the cache holds up to the batch's last event for it is folded into its entry there
   * and needs no read of its stream (a new issue's report, a command on an issue the scheduler
   * saw before). The others are loaded. A later event beyond the batch comes in the next batch,
   * which times the issue again.
   */
  private follow(issueEvents: Map<string, StoredEvent[]>): Map<string, DeadlineDoc> {
    const known = new Map<string, DeadlineDoc>();
    if (this.cache === undefined) return known;
    for (const [issueId, events] of issueEvents) {
      const entry = followInCache(this.cache, issueStreamId(issueId), issueDeadlinesStream, events);
      if (entry?.state && entry.revision >= events[events.length - 1].revision)
        known.set(issueId, entry.state);
    }
    return known;
  }

  /** The issues whose checks the batch's suspensions move: one target per scope, the city's alone. */
  private retimeTargets(suspensionIds: Set<string>): RetimeTarget[] {
    const scopes = [...suspensionIds].map((id) => this.suspensions.scopeOf(id));
    if (scopes.some((scope) => scope?.kind === 'city')) return [{ all: true }];
    const districts = new Set<string>();
    const issueIds: string[] = [];
    for (const scope of scopes) {
      if (scope?.kind === 'district') districts.add(scope.district);
      if (scope?.kind === 'issue') issueIds.push(scope.issueId);
    }
    return [
      ...[...districts].map((district) => ({ district })),
      ...(issueIds.length > 0 ? [{ issueIds }] : []),
    ];
  }

  private load(issueId: string): Promise<DeadlineDoc | null> {
    return loadIssueDeadlines(this.eventStore, issueId, this.cache);
  }

  private jobsFor(issueId: string, doc: DeadlineDoc | null): DeadlineJob[] {
    if (doc === null) return [];
    const periods = this.suspensions.periodsFor(doc.state);
    const { jobs, errors } = issueJobs(doc, this.policy, this.calendar, periods);
    if (errors.length > 0) this.errors.set(issueId, errors);
    else this.errors.delete(issueId);
    return jobs;
  }
}
