import * as crypto from 'node:crypto';
import { deadlineKey } from '../../issues/domain/deadlines';
import type { DeadlineDoc } from '../../../projections/escalation-deadlines/deadline-doc';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { EscalationCheck } from '../checks/escalation-check';
import { checksFor, type CheckError } from '../checks/pending-checks';
import type { EscalationPolicy } from '../policy/escalation-policy';
import type { SuspendedPeriod } from '../checks/suspended-time';

/**
 * What a check job carries in Redis: the issue, nothing more. The deadline it watches is in its
 * id (and, for an operator in Bull Board, its name); its times, level and kind are derived from
 * the issue's state when it runs, so nothing in Redis can go stale against the log.
 */
export interface CheckJobData {
  issueId: string;
  /** Transient failures in a row (the event store away): set only while the job backs off. */
  retries?: number;
}

/**
 * One delayed job per deadline (an item's due time, or an issue's first response): it runs at
 * the earliest of the deadline's checks (the warning, then the next level), runs whatever is
 * due then, and puts itself back for the next one. `checks` are that deadline's checks now,
 * earliest first.
 */
export interface DeadlineJob {
  id: string;
  /** The deadline's key (the item's id, or `first-response`): what Bull Board shows. */
  name: string;
  issueId: string;
  /** When it must run next (engine clock, ISO): the earliest of `checks`. */
  runAt: string;
  checks: EscalationCheck[];
}

/**
 * The job id of a deadline: 16 base64url characters of the SHA-256 of the issue, the deadline
 * key and the due time. Deterministic, so re-adding a job (a replayed event, the reconciler, a
 * second engine) adds nothing; a moved due time (an extension) is another deadline, another job.
 * Short because Redis keeps a job's hash compact (a listpack) only while every field stays
 * within 64 bytes, and BullMQ stores the id again inside the job's options: a longer id costs
 * about 500 bytes per pending job (see docs/benchmarks.md). 96 bits: no collision in practice.
 */
export function deadlineJobId(check: Pick<EscalationCheck, 'issueId' | 'remediationId' | 'dueAt'>): string {
  // The due time as `pendingChecks` writes it (toISOString: one text per instant).
  return sha256(`${check.issueId}\n${deadlineKey(check.remediationId)}\n${check.dueAt}`).slice(0, 16);
}

/**
 * SHA-256 as base64url. `crypto.hash` (Node 20.12 and later) builds no Hash object, which
 * halves the cost of an id (the reconciler computes one per pending deadline on each pass);
 * an older Node builds one. Same digest either way.
 */
const sha256: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'base64url')
    : (text) => crypto.createHash('sha256').update(text).digest('base64url');

// The warning goes before the level when both are due at one moment.
const byTime = (a: EscalationCheck, b: EscalationCheck): number =>
  Date.parse(a.runAt) - Date.parse(b.runAt) ||
  (a.kind === b.kind ? a.level - b.level : a.kind === 'warn' ? -1 : 1);

/** An issue's checks as one job per deadline. */
export function deadlineJobs(checks: readonly EscalationCheck[]): DeadlineJob[] {
  const jobs = new Map<string, DeadlineJob>();
  for (const check of checks) {
    const id = deadlineJobId(check);
    const job = jobs.get(id);
    if (job) job.checks.push(check);
    else
      jobs.set(id, {
        id,
        name: deadlineKey(check.remediationId),
        issueId: check.issueId,
        runAt: check.runAt,
        checks: [check],
      });
  }
  for (const job of jobs.values()) {
    if (job.checks.length === 1) continue;
    job.checks.sort(byTime);
    job.runAt = job.checks[0].runAt;
  }
  return [...jobs.values()];
}

/** The jobs an issue needs now, from the deadlines read model's view of it (or the same fold of its stream). */
export function issueJobs(
  doc: Pick<DeadlineDoc, 'state' | 'records'>,
  policy: EscalationPolicy,
  calendar: WorkingCalendar,
  /** The periods of the suspensions covering the issue (see `SuspensionsForChecks.periodsFor`). */
  suspended: readonly SuspendedPeriod[] = [],
): { jobs: DeadlineJob[]; errors: CheckError[] } {
  const { checks, errors } = checksFor(doc.state, policy, calendar, doc.records, suspended);
  return { jobs: deadlineJobs(checks), errors };
}

/**
 * When a job is (or was) due, by the wall clock BullMQ keeps: its delay counts from when it was
 * added, or from its last run when it put itself back (BullMQ then sets the delay anew and
 * keeps the timestamp).
 */
export const jobTime = (job: { timestamp: number; delay: number; processedOn?: number }): number =>
  (job.processedOn ?? job.timestamp) + job.delay;
