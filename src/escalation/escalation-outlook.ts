import { Inject, Injectable } from '@nestjs/common';
import { getDeadlineDoc } from '../../projections/escalation-deadlines/projection';
import { recipientLookup } from '../groups/escalation-recipients';
import { WORK_GROUPS, type WorkGroup } from '../groups/work-groups';
import type { EscalationRecipient } from '../issues/domain/issue-events';
import type { AutomaticTrigger, District, EscalationLevel } from '../issues/domain/vocabulary';
import { READ_STORE, type ReadStore } from '../ports/read-store';
import type { ExistingIssue } from '../issues/domain/issue-state';
import type { EscalationCheck } from './checks/escalation-check';
import { addDurationWithCoverage, type Duration } from './policy/duration';
import { checkIdempotencyKey } from './checks/escalation-check';
import { checksFor } from './checks/pending-checks';
import type { SuspendedPeriod } from './checks/suspended-time';
import { SUSPENSION_BOOK, type SuspensionBook } from '../suspensions/suspension-book';
import { suspendedNote, type SuspendedNote } from '../suspensions/suspension-view';
import type { Clock } from '../clock/clock';
import { CLOCK } from '../clock/clock';
import { RulesInForce } from './rules/rules-in-force';
import type { DeadlineDoc } from '../../projections/escalation-deadlines/deadline-doc';

/** What the issue view says about the ladder: the next automatic step, and when. */
export interface NextEscalation {
  level: EscalationLevel;
  trigger: AutomaticTrigger;
  remediationId: string | null;
  /** The deadline it measures. */
  dueAt: string;
  /** That deadline as a suspension moved it (force majeure), when one did. */
  suspendedDueAt?: string;
  /** When the policy fires it, unless the deadline is met first. */
  at: string;
  goesTo: EscalationRecipient | null;
  /** When the yellow warning goes (or went) out for that deadline; null if the policy has none. */
  warningAt: string | null;
  /**
   * True when these times count working days through a year no holiday data covers, Monday to
   * Friday (CALENDAR_UNCOVERED_YEARS=weekdays): they move once that year's holidays are added.
   */
  provisional: boolean;
  /** The years counted Monday to Friday for these times; empty when not provisional. */
  assumedYears: number[];
  /** The policy and calendar versions these times are counted by (the ones in force; see the `system-config` stream). */
  policyVersion: string | null;
  calendarVersion: string | null;
  /** Set when the latest policy or calendar change moved this time; null when it did not. */
  moved: MovedByChange | null;
}

/** How the latest change of the rules moved a pending escalation. */
export interface MovedByChange {
  /** When the versions before the change fired it; null when they could not place it (a year not covered). */
  from: string | null;
  /** What changed: the policy, the calendar or both. */
  by: Array<'policy' | 'calendar'>;
  /** The versions it was timed by before. */
  previousPolicyVersion: string;
  previousCalendarVersion: string;
  /** When the change was installed, and how (engine-start, sighup, admin). */
  installedAt: string | null;
  installedBy: string | null;
}

/** A deadline a suspension moved: from its own due time to when it now falls due. */
export interface MovedDeadline {
  remediationId: string | null;
  dueAt: string;
  movedTo: string;
}

export interface EscalationOutlookView {
  nextEscalation: NextEscalation | null;
  /** The suspension in force over the issue, or the next one approved; null for none. */
  suspended: SuspendedNote | null;
  /** The deadlines suspensions moved, and where to. */
  movedDeadlines: MovedDeadline[];
  /** Deadlines the working-day calendar cannot place (a year its data lacks), in words. */
  cannotSchedule: string[];
}

/**
 * The next escalation of an issue, derived at query time by the same function that schedules
 * the checks (so the view and the queue never disagree), from the deadlines read model.
 */
@Injectable()
export class EscalationOutlook {
  private readonly recipientFor: (district: District, level: EscalationLevel) => EscalationRecipient | null;

  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly rules: RulesInForce,
    @Inject(WORK_GROUPS) groups: WorkGroup[],
    @Inject(SUSPENSION_BOOK) private readonly suspensions: SuspensionBook,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.recipientFor = recipientLookup(groups);
  }

  async of(issueId: string): Promise<EscalationOutlookView> {
    const doc = await getDeadlineDoc(this.readStore, issueId);
    await this.suspensions.refresh();
    const periods = doc ? this.suspensions.periodsFor(doc.state) : [];
    const suspended = suspendedNote(periods, this.clock.now());
    if (!doc || !doc.pending)
      return { nextEscalation: null, suspended, movedDeadlines: [], cannotSchedule: [] };
    const { policy, calendar } = this.rules;
    const { checks, errors } = checksFor(doc.state, policy, calendar, doc.records, periods);
    const escalations = checks.filter((c) => c.kind === 'escalate');
    const movedDeadlines = escalations.flatMap((c) =>
      c.suspendedDueAt ? [{ remediationId: c.remediationId, dueAt: c.dueAt, movedTo: c.suspendedDueAt }] : [],
    );
    const cannotSchedule = errors.map(
      (e) => `${e.remediationId ?? 'first response'} (due ${e.dueAt}): ${e.reason}`,
    );
    if (escalations.length === 0) return { nextEscalation: null, suspended, movedDeadlines, cannotSchedule };
    const next = escalations.reduce((a, b) => (Date.parse(b.runAt) < Date.parse(a.runAt) ? b : a));
    const warning = checks.find(
      (c) => c.kind === 'warn' && c.remediationId === next.remediationId && c.trigger === next.trigger,
    );
    const assumedYears = this.assumedYearsOf(doc.state, next);
    return {
      nextEscalation: {
        level: next.level,
        trigger: next.trigger,
        remediationId: next.remediationId,
        dueAt: next.dueAt,
        ...(next.suspendedDueAt && { suspendedDueAt: next.suspendedDueAt }),
        at: next.runAt,
        goesTo: this.recipientFor(doc.state.district, next.level),
        warningAt: warning?.runAt ?? null,
        provisional: assumedYears.length > 0,
        assumedYears,
        policyVersion: next.policyVersion ?? null,
        calendarVersion: next.calendarVersion ?? null,
        moved: this.movedByLatestChange(doc, next, periods),
      },
      suspended,
      movedDeadlines,
      cannotSchedule,
    };
  }

  /**
   * The uncovered years the check's times were counted through: the first-response wait (for
   * `no-response`) and every ladder level up to the check's, as `firingTime` takes the latest of
   * them. A lower level counted by guess is included: once the year is published it may be the
   * later one. These succeeded when the check was derived, so they succeed again here.
   */
  /**
   * The same escalation under the rules the latest install replaced (rebuilt from the log): a
   * different time there means the change moved it. Matched by what it escalates (trigger, item
   * and level), as a changed first-response wait moves the deadline itself.
   */
  private movedByLatestChange(
    doc: DeadlineDoc,
    check: EscalationCheck,
    // The same suspensions on both sides: what they move is not the change's doing.
    periods: readonly SuspendedPeriod[],
  ): MovedByChange | null {
    const before = this.rules.previous();
    const now = this.rules.current();
    if (!before) return null;
    const { checks } = checksFor(doc.state, before.policy, before.calendar, doc.records, periods);
    const same = checks.find(
      (c) =>
        c.kind === 'escalate' &&
        c.trigger === check.trigger &&
        c.remediationId === check.remediationId &&
        c.level === check.level,
    );
    if (same && same.runAt === check.runAt && checkIdempotencyKey(same) === checkIdempotencyKey(check))
      return null;
    const by: MovedByChange['by'] = [];
    if (before.policyVersion !== now.policyVersion) by.push('policy');
    if (before.calendarVersion !== now.calendarVersion) by.push('calendar');
    const installed = this.rules.installed();
    const latest = by.includes('policy') ? installed?.policy : installed?.calendar;
    return {
      from: same?.runAt ?? null,
      by,
      previousPolicyVersion: before.policyVersion,
      previousCalendarVersion: before.calendarVersion,
      installedAt: latest?.installedAt ?? null,
      installedBy: latest?.installedBy ?? null,
    };
  }

  private assumedYearsOf(issue: ExistingIssue, check: EscalationCheck): number[] {
    const { policy, calendar } = this.rules;
    const rule = policy.ruleFor(issue.category, issue.severity);
    const years = new Set<number>();
    const count = (from: string, duration: Duration) => {
      for (const year of addDurationWithCoverage(new Date(from), duration, calendar).assumedYears)
        years.add(year);
    };
    if (check.trigger === 'no-response') count(issue.reportedAt, rule.firstResponse);
    for (let level = 1; level <= check.level; level++)
      count(check.dueAt, rule.levels[level as EscalationLevel]);
    return [...years].sort((a, b) => a - b);
  }
}
