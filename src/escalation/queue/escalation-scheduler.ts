import type { EventStore, StoredEvent } from '../../event-store/event-store';
import { issueStreamId, type IssueEvent } from '../../issues/domain/issue-events';
import { evolveIssue, initialIssueState, type ExistingIssue } from '../../issues/domain/issue-state';
import { upcastIssueEvent } from '../../issues/domain/issue-upcasters';
import type { Reaction } from '../../reactors/reactor';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { recordDeadline, type DeadlineRecords } from '../checks/deadline-records';
import type { EscalationCheck } from '../checks/escalation-check';
import { pendingChecks, type CheckError } from '../checks/pending-checks';
import type { EscalationPolicy } from '../policy/escalation-policy';
import type { CheckQueue } from './check-queue';

/** The checks an issue needs now under a policy, from the decider's own state. */
export function checksFor(
  state: ExistingIssue,
  policy: EscalationPolicy,
  calendar: WorkingCalendar,
  records?: DeadlineRecords,
): { checks: EscalationCheck[]; errors: CheckError[] } {
  return pendingChecks(state, policy.ruleFor(state.category, state.severity), calendar, records);
}

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
      const issueId = (event.data as { issueId?: unknown } | null)?.issueId;
      if (event.streamId.startsWith('issue-') && typeof issueId === 'string') issueIds.add(issueId);
    }
    const checks: EscalationCheck[] = [];
    for (const issueId of issueIds) checks.push(...(await this.checksOf(issueId)));
    await this.checkQueue.schedule(checks);
  }

  private async checksOf(issueId: string): Promise<EscalationCheck[]> {
    const stored = (await this.eventStore.readStream(issueStreamId(issueId))).map(upcastIssueEvent);
    const state = stored.reduce((s, e) => evolveIssue(s, e as unknown as IssueEvent), initialIssueState());
    if (state.status === 'none') return [];
    const records = stored.reduce(recordDeadline, {});
    const { checks, errors } = checksFor(state, this.policy, this.calendar, records);
    if (errors.length > 0) this.errors.set(issueId, errors);
    else this.errors.delete(issueId);
    return checks;
  }
}
