import type { AggregateCache } from '../../command-handling/aggregate-cache';
import type { EventStore, StoredEvent } from '../../event-store/event-store';
import { issueStreamId } from '../../issues/domain/issue-events';
import { issueIdOf } from '../../issues/domain/stored-issue-event';
import type { Reaction } from '../../reactors/reactor';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { CheckError } from '../checks/pending-checks';
import type { EscalationPolicy } from '../policy/escalation-policy';
import type { CheckQueue } from './check-queue';
import { issueJobs, type DeadlineJob } from './deadline-jobs';
import { loadIssueDeadlines } from './issue-deadlines';

/** Injection token of the `Reactor` that feeds the scheduler from the log. */
export const SCHEDULER_REACTOR = Symbol('SCHEDULER_REACTOR');

/**
 * The saga's scheduling half, fed by the durable subscription: each batch names the issues it
 * touched (a report, an assignment, an extension, an escalation, a closure...), and each of
 * those issues gets a job per open deadline, no later than the deadline's next check. Stale
 * jobs need no removal: a job derives its checks when it runs, finds none and ends.
 */
export class EscalationScheduler implements Reaction {
  readonly name = 'reactor:escalation-scheduler';
  /** Deadlines the calendar could not place, by issue, for /health. */
  readonly errors = new Map<string, CheckError[]>();

  constructor(
    private readonly eventStore: EventStore,
    private readonly policy: EscalationPolicy,
    private readonly calendar: WorkingCalendar,
    private readonly checkQueue: CheckQueue,
    /** The engine's aggregate states: the scheduler reads only what the log added since. */
    private readonly cache?: AggregateCache,
  ) {}

  async react(events: StoredEvent[]): Promise<void> {
    const issueIds = new Set<string>();
    for (const event of events) {
      const issueId = issueIdOf(event);
      if (issueId !== null && event.streamId === issueStreamId(issueId)) issueIds.add(issueId);
    }
    await this.retime([...issueIds]);
  }

  /**
   * Makes Redis hold the jobs these issues need now, at their times, whatever it held before:
   * what the scheduler does for each event, and what a changed policy or calendar asks for the
   * issues it affects (a time moved later needs nothing; the job wakes and goes back to sleep).
   */
  async retime(issueIds: Iterable<string>): Promise<void> {
    const jobs: DeadlineJob[] = [];
    for (const issueId of issueIds) jobs.push(...(await this.jobsOf(issueId)));
    await this.checkQueue.schedule(jobs);
  }

  private async jobsOf(issueId: string): Promise<DeadlineJob[]> {
    const doc = await loadIssueDeadlines(this.eventStore, issueId, this.cache);
    if (doc === null) return [];
    const { jobs, errors } = issueJobs(doc, this.policy, this.calendar);
    if (errors.length > 0) this.errors.set(issueId, errors);
    else this.errors.delete(issueId);
    return jobs;
  }
}
