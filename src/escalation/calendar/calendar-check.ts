import { pendingDeadlines } from '../../../projections/escalation-deadlines/projection';
import type { CalendarConfig } from '../../config/app-config';
import type { Category, District, Severity } from '../../issues/domain/vocabulary';
import type { ReadStore } from '../../ports/read-store';
import { checksFor } from '../checks/pending-checks';
import { NO_SUSPENSIONS, type SuspensionsForChecks } from '../checks/suspensions-for-checks';
import type { EscalationPolicy } from '../policy/escalation-policy';
import { coverageRuns, type CoverageRun } from './calendar-coverage';
import { chineseWorkingCalendar } from './chinese-working-calendar';
import { uncoveredYearIn, type UncoveredYearsMode } from './working-calendar';
import { yearRuns, yearsText } from './years-text';

/** A pending deadline whose check reaches a year no holiday data covers. */
export interface WaitingDeadline {
  issueId: string;
  district: District;
  category: Category;
  severity: Severity;
  /** The item; null for the first-response deadline. */
  remediationId: string | null;
  /** The deadline; for a first response whose wait itself cannot be counted, the report time. */
  dueAt: string;
  reportedAt: string;
  /** The first uncovered year it reaches (null only if the message could not be read). */
  year: number | null;
  reason: string;
}

/** What `npm run calendar:check` reports. */
export interface CalendarCheck {
  source: string;
  uncoveredYears: UncoveredYearsMode;
  /** Where each covered year comes from, as runs of one source. */
  runs: CoverageRun[];
  /** Package years the calendar file replaces. */
  overridden: number[];
  /** Gaps between covered years (covered by nobody). */
  gaps: number[];
  /** Null when there is no read store to read yet. */
  pendingIssues: number | null;
  /** The pending deadlines that reach a year nobody covers: not scheduled (refuse) or provisional (weekdays). */
  waiting: WaitingDeadline[];
}

/**
 * The calendar as configured (HOLIDAYS_FILE over the package) and the pending deadlines that
 * wait for a year it does not cover, read from the deadlines read model as the reconciler
 * reads it, each moved by the suspensions that cover it as the scheduler moves it (a stop
 * can carry a deadline into a year nobody covers). Each deadline is derived under a refusing
 * calendar over the same data, so in weekdays mode the list is the deadlines that are provisional.
 * @throws HolidaysFileError for a bad calendar file, as the engine's start would.
 */
export async function checkCalendar(
  config: CalendarConfig,
  policy: EscalationPolicy,
  readStore: ReadStore | null,
  /** The suspensions on record, brought up to the head of the log. */
  suspensions: Pick<SuspensionsForChecks, 'periodsFor'> = NO_SUSPENSIONS,
): Promise<CalendarCheck> {
  const calendar = chineseWorkingCalendar(config);
  const strict = chineseWorkingCalendar({ holidaysFile: config.holidaysFile, uncoveredYears: 'refuse' });
  const packageYears = new Set(chineseWorkingCalendar().years.map((y) => y.year));
  const covered = calendar.years.map((y) => y.year);
  const gaps: number[] = [];
  for (let year = calendar.covers.firstYear; year <= calendar.covers.lastYear; year++) {
    if (!covered.includes(year)) gaps.push(year);
  }

  let pendingIssues: number | null = null;
  const waiting: WaitingDeadline[] = [];
  if (readStore) {
    pendingIssues = 0;
    for await (const page of pendingDeadlines(readStore)) {
      pendingIssues += page.length;
      for (const doc of page) {
        const periods = suspensions.periodsFor(doc.state);
        const { errors } = checksFor(doc.state, policy, strict, doc.records, periods);
        for (const error of errors) {
          const { district, category, severity, reportedAt } = doc.state;
          waiting.push({
            issueId: error.issueId,
            district,
            category,
            severity,
            remediationId: error.remediationId,
            dueAt: error.dueAt,
            reportedAt,
            year: uncoveredYearIn(error.reason),
            reason: error.reason,
          });
        }
      }
    }
  }
  waiting.sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || a.dueAt.localeCompare(b.dueAt));
  return {
    source: calendar.source,
    uncoveredYears: calendar.uncoveredYears,
    runs: coverageRuns(calendar),
    overridden: calendar.years
      .filter((y) => y.from === 'file' && packageYears.has(y.year))
      .map((y) => y.year),
    gaps,
    pendingIssues,
    waiting,
  };
}

/** The report as an operator reads it in a terminal. */
export function formatCalendarCheck(check: CalendarCheck): string {
  const lines: string[] = [`Working-day calendar: ${check.source}`, 'Covered years:'];
  for (const run of check.runs) {
    const where =
      run.from === 'package' ? `${run.source} (package)` : `"${run.source}" (HOLIDAYS_FILE ${run.file})`;
    const replaced = check.overridden.filter((year) => year >= run.first && year <= run.last);
    const note = replaced.length > 0 ? `, replacing the package's ${yearsText(replaced)}` : '';
    lines.push(`  ${run.years.padEnd(10)} ${where}${note}`);
  }
  const first = check.runs[0]?.first;
  const last = check.runs[check.runs.length - 1]?.last;
  const uncovered = [
    ...(first === undefined ? [] : [`before ${first}`]),
    ...yearRuns(check.gaps).map((r) => (r.first === r.last ? `${r.first}` : `${r.first}–${r.last}`)),
    ...(last === undefined ? [] : [`${last + 1} and later`]),
  ].join(', ');
  lines.push(
    check.uncoveredYears === 'refuse'
      ? `Not covered: ${uncovered}. CALENDAR_UNCOVERED_YEARS=refuse: a working-day deadline reaching one is not scheduled.`
      : `Not covered: ${uncovered}. CALENDAR_UNCOVERED_YEARS=weekdays: counted Monday to Friday, and such deadlines are provisional.`,
  );
  if (check.pendingIssues === null) {
    lines.push('Pending deadlines: no read store yet (the engine has not run here): none to check.');
    return lines.join('\n');
  }
  const refused = check.uncoveredYears === 'refuse';
  const count = check.waiting.length;
  lines.push(
    `Pending deadlines: ${check.pendingIssues} issue(s) can still escalate; ` +
      (count === 0
        ? `no deadline ${refused ? 'waits for a year not covered' : 'is provisional'}.`
        : `${count} deadline(s) ${refused ? 'wait for a year not covered (not scheduled)' : 'provisional (counted Monday to Friday)'}:`),
  );
  for (const w of check.waiting) {
    const deadline =
      w.remediationId === null
        ? w.dueAt === w.reportedAt
          ? `first response, reported ${w.dueAt}`
          : `first response, due ${w.dueAt}`
        : `item ${w.remediationId}, due ${w.dueAt}`;
    lines.push(
      `  ${w.year ?? '?'}  issue ${w.issueId} (${w.district}, ${w.category}/${w.severity}), ${deadline}`,
    );
  }
  return lines.join('\n');
}
