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
import type { SuspensionsForChecks } from '../checks/suspensions-for-checks';
import type { CheckQueue } from './check-queue';
import type { IssueRetimer, RetimeTarget } from './retime-issues';

/** The suspension (force majeure) events that move the checks of the issues they cover. */
const SUSPENSION_EVENTS = new Set(['SuspensionApproved', 'SuspensionLifted']);

/** Injection token of the `Reactor` that feeds the scheduler from the log. */
export const SCHEDULER_REACTOR = Symbol('SCHEDULER_REACTOR');

/**
 * The saga's scheduling half, fed by the durable subscription: each batch names the issues it
 * touched (a report, an assignment, an extension, an escalation, a closure...), and each of
 * those issues gets the checks its current state needs. Stale checks need no removal: the
 * worker's decider finds them harmless. A suspension approved or lifted re-times the checks
 * of every pending issue it covers (their deadlines move by the time suspended).
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
    private readonly suspensions: SuspensionsForChecks,
    private readonly retimer: IssueRetimer,
  ) {}

  async react(events: StoredEvent[]): Promise<void> {
    const issueIds = new Set<string>();
    const suspensionIds = new Set<string>();
    for (const event of events) {
      const issueId = issueIdOf(event);
      if (issueId !== null && event.streamId === issueStreamId(issueId)) issueIds.add(issueId);
      const suspensionId = (event.data as { suspensionId?: unknown } | null)?.suspensionId;
      if (SUSPENSION_EVENTS.has(event.type) && typeof suspensionId === 'string')
        suspensionIds.add(suspensionId);
    }
    // The batch is the log itself: the book takes it in, and reads only what lies beyond.
    this.suspensions.observe?.(events);
    await this.suspensions.refresh();
    const checks: EscalationCheck[] = [];
    for (const issueId of issueIds) checks.push(...(await this.checksOf(issueId)));
    await this.checkQueue.schedule(checks);
    for (const target of this.retimeTargets(suspensionIds)) await this.retimer.retime(target);
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

  private async checksOf(issueId: string): Promise<EscalationCheck[]> {
    const { events, state } = await readIssueStream(this.eventStore, issueId);
    if (state.status === 'none') return [];
    const records = events.reduce(recordDeadline, {});
    const periods = this.suspensions.periodsFor(state);
    const { checks, errors } = checksFor(state, this.policy, this.calendar, records, periods);
    if (errors.length > 0) this.errors.set(issueId, errors);
    else this.errors.delete(issueId);
    return checks;
  }
}
