import { getDeadlineDoc, pendingDeadlines } from '../../../projections/escalation-deadlines/projection';
import type { DeadlineDoc } from '../../../projections/escalation-deadlines/deadline-doc';
import type { Clock } from '../../clock/clock';
import type { ReadStore } from '../../ports/read-store';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { CheckError } from '../checks/pending-checks';
import type { EscalationPolicy } from '../policy/escalation-policy';
import type { CheckQueue } from '../queue/check-queue';
import { issueJobs, type DeadlineJob } from '../queue/deadline-jobs';
import { NO_SUSPENSIONS, type SuspensionsForChecks } from '../checks/suspensions-for-checks';

/** What re-timing needs: the deadlines read model, the check queue, the rules to time by and the clock. */
export interface RetimeDeps {
  readStore: ReadStore;
  checkQueue: CheckQueue;
  /** Read at each use: pass the rules in force (`RulesInForce.policy` / `.calendar`). */
  policy: EscalationPolicy;
  calendar: WorkingCalendar;
  /**
   * The rules the change replaced (`RulesInForce.previous()`), null when there are none: a
   * deadline whose due time they placed elsewhere has a job for that time, removed here.
   * Without them such a job is left to wake, find nothing due and end.
   */
  previous?: () => { policy: EscalationPolicy; calendar: WorkingCalendar } | null;
  clock: Clock;
  /** The suspensions (force majeure) whose periods move the checks. @defaultValue none */
  suspensions?: SuspensionsForChecks;
  /** Told, per issue re-timed, which of its deadlines still cannot be placed (none: empty). */
  onIssue?: (issueId: string, errors: CheckError[]) => void;
}

/**
 * What one re-timing did, counted in jobs (one per open deadline; see deadline-jobs.ts).
 * A job carries no times, so there is nothing in Redis to re-stamp: only its time can differ.
 */
export interface RetimeReport {
  issues: number;
  /** Checks the rules ask for now (every warning and level still to come). */
  checks: number;
  /** Jobs they make: one per open deadline. */
  jobs: number;
  /** Jobs Redis did not hold: new deadlines, or ones that waited for a year the calendar now covers. */
  added: number;
  /**
   * Jobs held for another time, moved to their new one (and a deadline whose due time moved:
   * its job for the old time removed, one for the new time added).
   */
  moved: number;
  /** Jobs Redis holds at the time the rules in force give them. */
  unchanged: number;
  /** Jobs for deadlines the rules in force no longer time that way, removed (not counted in `moved`). */
  removed: number;
  /** Jobs running or about to (not delayed): they derive their own next time when they finish. */
  running: number;
  /** Deadlines still not schedulable (first 20). */
  uncomputable: CheckError[];
}

export const emptyRetimeReport = (): RetimeReport => ({
  issues: 0,
  checks: 0,
  jobs: 0,
  added: 0,
  moved: 0,
  unchanged: 0,
  removed: 0,
  running: 0,
  uncomputable: [],
});

const PAGE = 200;

/**
 * THE "re-time these issues" function: every open deadline of the given issues (all pending
 * issues when `issueIds` is omitted) derived again from the log's read model under the rules
 * in force, as the scheduler derives it (`issueJobs`), and the queue brought to it: a job Redis
 * lacks is added, one it holds for another time is moved to its time, one for a due time the
 * replaced rules gave and these do not is removed. A job that is running stays: it derives its
 * checks again when it finishes, so an escalation already fired is never undone or repeated,
 * and whatever Redis still holds for an old time finds nothing due when it wakes (the worker
 * derives under the rules in force at every run). Used after a policy or calendar reload;
 * anything else that moves deadlines (a suspension) calls it with its issues.
 */
export async function retimePendingChecks(
  deps: RetimeDeps,
  issueIds?: readonly string[],
): Promise<RetimeReport> {
  const report = emptyRetimeReport();
  const previous = deps.previous?.() ?? null;
  const queue = deps.checkQueue;
  const suspensions = deps.suspensions ?? NO_SUSPENSIONS;
  await suspensions.refresh();
  for await (const page of docsOf(deps.readStore, issueIds)) {
    const jobs: DeadlineJob[] = [];
    // What the replaced rules gave each deadline: when its job ran next, by job id.
    const before = new Map<string, DeadlineJob>();
    const stale = new Map<string, DeadlineJob>();
    for (const doc of page) {
      const periods = suspensions.periodsFor(doc.state);
      const { jobs: found, errors } = issueJobs(doc, deps.policy, deps.calendar, periods);
      report.uncomputable.push(...errors);
      deps.onIssue?.(doc.state.issueId, errors);
      jobs.push(...found);
      report.checks += found.reduce((n, job) => n + job.checks.length, 0);
      if (previous) {
        const ids = new Set(found.map((job) => job.id));
        for (const old of issueJobs(doc, previous.policy, previous.calendar, periods).jobs) {
          before.set(old.id, old);
          if (!ids.has(old.id)) stale.set(old.id, old);
        }
      }
    }
    report.issues += page.length;
    report.jobs += jobs.length;

    const offset = queue.wallOffset();
    const held = await queue.delayedTimesOf(jobs.map((job) => job.id));
    const notDelayed: DeadlineJob[] = [];
    const offTime: DeadlineJob[] = [];
    jobs.forEach((job, i) => {
      const heldAt = held[i];
      if (heldAt === null) {
        notDelayed.push(job);
        return;
      }
      const off = queue.isOffTime(job, heldAt, offset);
      if (off) offTime.push(job);
      // Counted by what the change did to the deadline when the replaced rules are known (a
      // test clock makes Redis's wall-clock times drift from the engine's), else by Redis.
      const was = before.get(job.id);
      if (previous && !was) report.added += 1;
      else if (previous ? was!.runAt !== job.runAt : off) report.moved += 1;
      else report.unchanged += 1;
    });
    await queue.moveToTime(offTime);

    // The replaced rules' jobs for due times these rules do not give: removed, so none waits in Redis for nothing.
    const staleIds = [...stale.keys()];
    const staleHeld = await queue.delayedTimesOf(staleIds);
    const removedIds = staleIds.filter((_, i) => staleHeld[i] !== null);
    await queue.removeDelayed(removedIds);
    const replaced = new Set(removedIds.map((id) => deadlineOf(stale.get(id)!)));

    // A job not delayed is added unless Redis holds it otherwise (waiting, running, failed).
    const added = await queue.addMissing(notDelayed);
    report.running += notDelayed.length - added.length;
    for (const job of added) {
      // The same deadline at its new due time: moved, not new.
      if (replaced.delete(deadlineOf(job))) report.moved += 1;
      else report.added += 1;
    }
    report.removed += replaced.size;
  }
  report.uncomputable = report.uncomputable.slice(0, 20);
  return report;
}

/** Which deadline of which issue a job watches: the job's name is the deadline's key. */
const deadlineOf = (job: { issueId: string; name: string }): string => `${job.issueId}\n${job.name}`;

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
