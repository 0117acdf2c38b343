import { isPending, type DeadlineDoc } from '../../../projections/escalation-deadlines/deadline-doc';
import { pendingDeadlines } from '../../../projections/escalation-deadlines/projection';
import type { EventStore } from '../../event-store/event-store';
import { readIssueStream } from '../../issues/issue-stream';
import { recordDeadline } from '../checks/deadline-records';
import type { Clock } from '../../clock/clock';
import type { ReadStore } from '../../ports/read-store';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { EscalationCheck } from '../checks/escalation-check';
import { checksFor } from '../checks/pending-checks';
import type { SuspensionsForChecks } from '../checks/suspensions-for-checks';
import type { EscalationPolicy } from '../policy/escalation-policy';
import type { CheckQueue } from './check-queue';
import { retimeChecks, type RetimeResult } from './retime-checks';

/** Which issues to re-time: these, every pending issue of a district, or every pending issue. */
export type RetimeTarget = { issueIds: readonly string[] } | { district: string } | { all: true };

/**
 * "Re-time these issues": derive the checks the issues need now (policy, calendar and
 * suspensions as they stand) and move their queued checks to those times. Used when a
 * suspension begins or is lifted, and by anything else that changes when checks fall due (a
 * reloaded policy or calendar). Named issues are read from their streams; a district's or the
 * city's from the deadlines read model, as the reconciler reads them (one the model does not
 * hold yet is timed by the scheduler when its own event reaches it, and by the worker's
 * decider in any case).
 */
export class IssueRetimer {
  constructor(
    private readonly eventStore: EventStore,
    private readonly readStore: ReadStore,
    private readonly policy: () => EscalationPolicy,
    private readonly calendar: WorkingCalendar,
    private readonly suspensions: SuspensionsForChecks,
    private readonly checkQueue: CheckQueue,
    private readonly clock: Clock,
  ) {}

  async retime(target: RetimeTarget): Promise<RetimeResult> {
    await this.suspensions.refresh();
    const result: RetimeResult = { issues: 0, checks: 0, moved: 0, added: 0 };
    for await (const page of this.docsOf(target)) {
      const checks: EscalationCheck[] = page.flatMap(
        (doc) =>
          checksFor(
            doc.state,
            this.policy(),
            this.calendar,
            doc.records,
            this.suspensions.periodsFor(doc.state),
          ).checks,
      );
      const { moved, added } = await retimeChecks(this.checkQueue, checks, this.clock.now());
      result.issues += page.length;
      result.checks += checks.length;
      result.moved += moved;
      result.added += added;
    }
    return result;
  }

  private async *docsOf(target: RetimeTarget): AsyncGenerator<DeadlineDoc[]> {
    if ('issueIds' in target) {
      const docs: DeadlineDoc[] = [];
      for (const id of target.issueIds) {
        const { events, state } = await readIssueStream(this.eventStore, id);
        if (state.status === 'none' || !isPending(state)) continue;
        const records = events.reduce(recordDeadline, {});
        docs.push({ id, state, pending: true, records, revision: events.length - 1, position: 0 });
      }
      if (docs.length > 0) yield docs;
      return;
    }
    for await (const page of pendingDeadlines(this.readStore)) {
      const docs = 'district' in target ? page.filter((d) => d.state.district === target.district) : page;
      if (docs.length > 0) yield docs;
    }
  }
}
