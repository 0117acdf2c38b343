import type { Job } from 'bullmq';
import { getDeadlineDoc, pendingDeadlines } from '../../../projections/escalation-deadlines/projection';
import type { DeadlineDoc } from '../../../projections/escalation-deadlines/deadline-doc';
import type { Clock } from '../../clock/clock';
import type { ReadStore } from '../../ports/read-store';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { checkJobId, type EscalationCheck } from '../checks/escalation-check';
import { checksFor, type CheckError } from '../checks/pending-checks';
import type { EscalationPolicy } from '../policy/escalation-policy';
import type { CheckQueue } from '../queue/check-queue';
import { NO_SUSPENSIONS, type SuspensionsForChecks } from '../checks/suspensions-for-checks';

/** What re-timing needs: the deadlines read model, the check queue, the rules to time by and the clock. */
export interface RetimeDeps {
  readStore: ReadStore;
  checkQueue: CheckQueue;
  /** Read at each use: pass the rules in force (`RulesInForce.policy` / `.calendar`). */
  policy: EscalationPolicy;
  calendar: WorkingCalendar;
  clock: Clock;
  /** The suspensions (force majeure) whose periods move the checks. @defaultValue none */
  suspensions?: SuspensionsForChecks;
  /** Told, per issue re-timed, which of its deadlines still cannot be placed (none: empty). */
  onIssue?: (issueId: string, errors: CheckError[]) => void;
}

/** What one re-timing did. */
export interface RetimeReport {
  issues: number;
  /** Checks the rules ask for now. */
  checks: number;
  /** Checks Redis did not hold: new deadlines, or ones that waited for a year the calendar now covers. */
  added: number;
  /** Queued checks whose time changed, moved to the new time. */
  moved: number;
  /** Queued checks whose time stays, stamped with the versions that time them now. */
  restamped: number;
  /** Checks that already fired or are running: they stay as they are. */
  fired: number;
  /** Deadlines still not schedulable (first 20). */
  uncomputable: CheckError[];
}

const PAGE = 200;

/**
 * THE "re-time these issues" function: every pending check of the given issues (all pending
 * issues when `issueIds` is omitted) derived again from the log's read model under the rules
 * in force, and the queue brought to it. A check Redis lacks is added; a queued one timed
 * otherwise (another policy or calendar version, a suspension's shift) gets its new time and
 * data; one that ran or is running stays, so an escalation already fired is never undone or
 * repeated. Checks the rules no longer ask for (a deadline that moved) are left to the worker,
 * whose decider, and `reviseCheck`, find them harmless. Used after a policy or calendar
 * reload; anything else that moves deadlines (a suspension) calls it with its issues.
 */
export async function retimePendingChecks(
  deps: RetimeDeps,
  issueIds?: readonly string[],
): Promise<RetimeReport> {
  const report: RetimeReport = {
    issues: 0,
    checks: 0,
    added: 0,
    moved: 0,
    restamped: 0,
    fired: 0,
    uncomputable: [],
  };
  const suspensions = deps.suspensions ?? NO_SUSPENSIONS;
  await suspensions.refresh();
  for await (const page of docsOf(deps.readStore, issueIds)) {
    const checks = page.flatMap((doc) => {
      const periods = suspensions.periodsFor(doc.state);
      const { checks: found, errors } = checksFor(
        doc.state,
        deps.policy,
        deps.calendar,
        doc.records,
        periods,
      );
      report.uncomputable.push(...errors);
      deps.onIssue?.(doc.state.issueId, errors);
      return found;
    });
    report.issues += page.length;
    report.checks += checks.length;
    const outcomes = await Promise.all(checks.map((check) => bringToTime(deps, check)));
    const missing = checks.filter((_, i) => outcomes[i] === 'missing');
    await deps.checkQueue.schedule(missing);
    report.added += missing.length;
    report.moved += outcomes.filter((o) => o === 'moved').length;
    report.restamped += outcomes.filter((o) => o === 'restamped').length;
    report.fired += outcomes.filter((o) => o === 'fired').length;
  }
  report.uncomputable = report.uncomputable.slice(0, 20);
  return report;
}

/** One check against its job: missing, moved to its new time, as it was, or fired already. */
async function bringToTime(
  deps: RetimeDeps,
  check: EscalationCheck,
): Promise<'missing' | 'moved' | 'restamped' | 'unchanged' | 'fired'> {
  const job = (await deps.checkQueue.queue.getJob(checkJobId(check))) as Job<EscalationCheck> | undefined;
  if (!job) return 'missing';
  const state = await job.getState();
  if (state !== 'delayed' && state !== 'waiting' && state !== 'prioritized') return 'fired';
  const sameTime = job.data.runAt === check.runAt && job.data.escalatesAt === check.escalatesAt;
  const sameVersions =
    (job.data.policyVersion ?? null) === (check.policyVersion ?? null) &&
    (job.data.calendarVersion ?? null) === (check.calendarVersion ?? null);
  if (sameTime && sameVersions) return 'unchanged';
  // The new versions travel with the check, so the worker acts on it without deriving it again.
  await job.updateData(check);
  if (sameTime) return 'restamped';
  // The queue counts delays by the wall clock from now, as CheckQueue.schedule does.
  if (state === 'delayed')
    await job.changeDelay(Math.max(0, Date.parse(check.runAt) - deps.clock.now().getTime()));
  return 'moved';
}

async function* docsOf(readStore: ReadStore, issueIds?: readonly string[]): AsyncGenerator<DeadlineDoc[]> {
  if (!issueIds) {
    yield* pendingDeadlines(readStore, PAGE);
    return;
  }
  for (let i = 0; i < issueIds.length; i += PAGE) {
    const docs = await Promise.all(issueIds.slice(i, i + PAGE).map((id) => getDeadlineDoc(readStore, id)));
    const pending = docs.filter((doc): doc is DeadlineDoc => doc !== null && doc.pending);
    if (pending.length > 0) yield pending;
  }
}
