import { isOutstanding, warningKey } from '../../issues/domain/deadlines';
import type { ExistingIssue } from '../../issues/domain/issue-state';
import {
  TOP_ESCALATION_LEVEL,
  type AutomaticTrigger,
  type EscalationLevel,
} from '../../issues/domain/vocabulary';
import { CalendarNotCoveredError, type WorkingCalendar } from '../calendar/working-calendar';
import { addDuration, type Duration } from '../policy/duration';
import type { EscalationPolicy, LadderRule } from '../policy/escalation-policy';
import { pastWhenRecorded, type DeadlineRecords } from './deadline-records';
import type { EscalationCheck } from './escalation-check';
import {
  afterMergedPeriods,
  mergePeriods,
  type Counted,
  type MergedPeriods,
  type SuspendedPeriod,
} from './suspended-time';

/** A deadline whose checks could not be computed, and why (a year the calendar lacks). */
export interface CheckError {
  issueId: string;
  remediationId: string | null;
  dueAt: string;
  reason: string;
}

/** A deadline an issue must meet: an open item's due time, or the first response. */
interface Deadline {
  trigger: AutomaticTrigger;
  remediationId: string | null;
  dueAt: Date;
  /** Where its allowed time starts: assignment, extension or report. */
  from: Date;
  /** How its allowed time is counted, so a suspension moves it the same way. */
  counted: Counted;
}

const countedOf = (duration: Duration): Counted =>
  duration.kind === 'working-days' ? 'working' : 'calendar';

/**
 * The checks an issue needs now, derived from its state alone (so they can always be rebuilt
 * from the log): for every deadline still open, the next level of the ladder, and the yellow
 * warning if it has not gone out. Only the next level is scheduled; when it fires, the
 * escalation event schedules the one after, from wherever the issue then stands (a manual
 * escalation moves the ladder on the same way). A deadline that was already past when it was
 * recorded (see `DeadlineRecords`) gets no checks.
 *
 * `suspended` are the periods of the suspensions covering the issue (force majeure): each
 * deadline's clock stops in them, so the deadline, the warning and every level past it move
 * by the time suspended, counted as each was counted (`afterSuspensions`). An item's due time
 * is a moment the client chose, so it moves by calendar time; a first-response wait or a
 * level delay in working days moves by the working time suspended.
 */
export function pendingChecks(
  issue: ExistingIssue,
  rule: LadderRule,
  calendar: WorkingCalendar,
  records?: DeadlineRecords,
  suspended: readonly SuspendedPeriod[] = [],
): { checks: EscalationCheck[]; errors: CheckError[] } {
  const checks: EscalationCheck[] = [];
  const errors: CheckError[] = [];
  if (issue.status === 'closed' || issue.escalationLevel >= TOP_ESCALATION_LEVEL) return { checks, errors };
  const level = (issue.escalationLevel + 1) as EscalationLevel;
  // Merged once for all of the issue's deadlines, warnings and levels.
  const periods = mergePeriods(suspended);

  for (const deadline of deadlinesOf(issue, rule, calendar, errors)) {
    if (pastWhenRecorded(records, deadline.remediationId, deadline.dueAt)) continue;
    const dueAt = deadline.dueAt.toISOString();
    const base = {
      issueId: issue.issueId,
      trigger: deadline.trigger,
      remediationId: deadline.remediationId,
      level,
      dueAt,
    };
    let escalatesAt: Date;
    let breach: Date;
    let warnAt: Date | null = null;
    const share = rule.warningShare;
    const allowed = deadline.dueAt.getTime() - deadline.from.getTime();
    try {
      breach = afterMergedPeriods(deadline.from, deadline.dueAt, deadline.counted, periods, calendar);
      escalatesAt = firingAfter(breach, rule, level, calendar, periods);
      if (share !== null && allowed > 0) {
        const nominal = new Date(deadline.from.getTime() + Math.round(allowed * share));
        warnAt = afterMergedPeriods(deadline.from, nominal, deadline.counted, periods, calendar);
      }
    } catch (error) {
      errors.push(errorOf(base, error));
      continue;
    }
    const suspendedDueAt = breach.getTime() !== deadline.dueAt.getTime() ? breach.toISOString() : null;
    const escalatesAtText = escalatesAt.toISOString();
    checks.push(checkOf(base, suspendedDueAt, 'escalate', escalatesAtText, escalatesAtText, null));

    if (share === null || warnAt === null) continue;
    // No warning has gone out on most issues: no key to build then.
    if (issue.warned.length > 0 && issue.warned.includes(warningKey(deadline.remediationId, dueAt))) continue;
    checks.push(checkOf(base, suspendedDueAt, 'warn', warnAt.toISOString(), escalatesAtText, share));
  }
  return { checks, errors };
}

type CheckBase = Pick<EscalationCheck, 'issueId' | 'trigger' | 'remediationId' | 'level' | 'dueAt'>;

/**
 * One check, its keys in one order (`suspendedDueAt` after `dueAt`, only when a suspension
 * moved the deadline). Written out rather than spread from `base`: Node 20's V8 copies a
 * spread into a literal with more keys on a slow path (about a microsecond each), and the
 * reconciler derives the checks of every pending issue on each pass (docs/benchmarks.md).
 */
function checkOf(
  base: CheckBase,
  suspendedDueAt: string | null,
  kind: EscalationCheck['kind'],
  runAt: string,
  escalatesAt: string,
  share: number | null,
): EscalationCheck {
  const { issueId, trigger, remediationId, level, dueAt } = base;
  return suspendedDueAt === null
    ? { issueId, trigger, remediationId, level, dueAt, kind, runAt, escalatesAt, share }
    : { issueId, trigger, remediationId, level, dueAt, suspendedDueAt, kind, runAt, escalatesAt, share };
}

/**
 * When `level` fires past a deadline. Never before a lower level's time, so a policy mixing
 * working and calendar days cannot make the ladder run backwards around a holiday. A
 * suspended period after the deadline holds each level's delay too, counted as it is counted.
 */
export function firingTime(
  dueAt: Date,
  rule: LadderRule,
  level: EscalationLevel,
  calendar: WorkingCalendar,
  suspended: readonly SuspendedPeriod[] = [],
): Date {
  return firingAfter(dueAt, rule, level, calendar, mergePeriods(suspended));
}

function firingAfter(
  dueAt: Date,
  rule: LadderRule,
  level: EscalationLevel,
  calendar: WorkingCalendar,
  periods: MergedPeriods,
): Date {
  let at = dueAt.getTime();
  for (let l = 1; l <= level; l++) {
    const delay = rule.levels[l as EscalationLevel];
    const fires = afterMergedPeriods(
      dueAt,
      addDuration(dueAt, delay, calendar),
      countedOf(delay),
      periods,
      calendar,
    );
    at = Math.max(at, fires.getTime());
  }
  return new Date(at);
}

function deadlinesOf(
  issue: ExistingIssue,
  rule: LadderRule,
  calendar: WorkingCalendar,
  errors: CheckError[],
): Deadline[] {
  const deadlines: Deadline[] = [];
  if (issue.firstResponseAt === null) {
    const reportedAt = new Date(issue.reportedAt);
    try {
      deadlines.push({
        trigger: 'no-response',
        remediationId: null,
        dueAt: addDuration(reportedAt, rule.firstResponse, calendar),
        from: reportedAt,
        counted: countedOf(rule.firstResponse),
      });
    } catch (error) {
      errors.push(errorOf({ issueId: issue.issueId, remediationId: null, dueAt: issue.reportedAt }, error));
    }
  }
  for (const [remediationId, item] of Object.entries(issue.remediations)) {
    if (!isOutstanding(item.status)) continue;
    deadlines.push({
      trigger: 'overdue',
      remediationId,
      dueAt: new Date(item.dueAt),
      from: new Date(item.allowedFrom ?? item.dueAt),
      counted: 'calendar',
    });
  }
  return deadlines;
}

function errorOf(
  at: { issueId: string; remediationId: string | null; dueAt: string },
  error: unknown,
): CheckError {
  if (!(error instanceof CalendarNotCoveredError)) throw error;
  return { issueId: at.issueId, remediationId: at.remediationId, dueAt: at.dueAt, reason: error.message };
}

/** The checks an issue needs now under a policy, from the decider's own state. */
export function checksFor(
  state: ExistingIssue,
  policy: EscalationPolicy,
  calendar: WorkingCalendar,
  records?: DeadlineRecords,
  suspended: readonly SuspendedPeriod[] = [],
): { checks: EscalationCheck[]; errors: CheckError[] } {
  const found = pendingChecks(
    state,
    policy.ruleFor(state.category, state.severity),
    calendar,
    records,
    suspended,
  );
  // Stamped with the versions that timed them, read in the same synchronous call as the rules.
  // Set on the checks just made rather than copied into new ones (a spread is slow, see `checkOf`).
  const policyVersion = policy.version ?? null;
  const calendarVersion = calendar.version ?? null;
  for (const check of found.checks) {
    check.policyVersion = policyVersion;
    check.calendarVersion = calendarVersion;
  }
  return found;
}
