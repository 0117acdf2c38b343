import type { EventStore, StoredEvent } from '../../event-store/event-store';
import { issueStreamId } from '../../issues/domain/issue-events';
import { issueIdOf } from '../../issues/domain/stored-issue-event';
import { readIssueStream } from '../../issues/issue-stream';
import type { Reaction } from '../../reactors/reactor';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { recordDeadline } from '../checks/deadline-records';
import type { EscalationCheck } from '../checks/escalation-check';
import { checksFor, type CheckError } from '../checks/pending-checks';
import type { EscalationPolicy } from '../policy/escalation-policy';
import type { CheckQueue } from './check-queue';

/** Injection token of the `Reactor` that feeds the scheduler from the log. */
export const SCHEDULER_REACTOR = Symbol('SCHEDULER_REACTOR');

/**
 * The saga's scheduling half, fed by the durable subscription: each batch names the issues it
 * touched (a report, an assignment, an extension, an escalation, a closure...), and each of
 * those issues gets the checks its current state needs. Stale checks need no removal: the
 * worker's decider finds them harmless.
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
  ) {}

  async react(events: StoredEvent[]): Promise<void> {
    const issueIds = new Set<string>();
    for (const event of events) {
      const issueId = issueIdOf(event);
      if (issueId !== null && event.streamId === issueStreamId(issueId)) issueIds.add(issueId);
    }
    const checks: EscalationCheck[] = [];
    for (const issueId of issueIds) checks.push(...(await this.checksOf(issueId)));
    await this.checkQueue.schedule(checks);
  }

  private async checksOf(issueId: string): Promise<EscalationCheck[]> {
    const { events, state } = await readIssueStream(this.eventStore, issueId);
    if (state.status === 'none') return [];
    const records = events.reduce(recordDeadline, {});
    const { checks, errors } = checksFor(state, this.policy, this.calendar, records);
    if (errors.length > 0) this.errors.set(issueId, errors);
    else this.errors.delete(issueId);
    return checks;
  }
}
