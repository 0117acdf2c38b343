import { FIRST_RESPONSE } from '../../issues/domain/deadlines';
import type { AutomaticTrigger, EscalationLevel } from '../../issues/domain/vocabulary';

/**
 * One pending automatic action on an issue, derived from its state: escalate a deadline to
 * `level` at `runAt`, or warn (the yellow light) at `runAt` that it escalates at `escalatesAt`.
 * Redis holds none of this (a deadline's job carries only the issue id, see
 * `src/escalation/queue/deadline-jobs.ts`); the job derives its checks again when it runs.
 */
export interface EscalationCheck {
  kind: 'escalate' | 'warn';
  issueId: string;
  trigger: AutomaticTrigger;
  /** The item whose due time is measured; null for the first-response deadline. */
  remediationId: string | null;
  /** The level it escalates to (for a warning: the level that follows the breach). */
  level: EscalationLevel;
  /** The deadline measured: the item's due time, or reported time + first-response wait. */
  dueAt: string;
  /**
   * The deadline as suspensions (force majeure) moved it, when one did: the breach the check
   * measures. Absent when no suspension touched it.
   */
  suspendedDueAt?: string;
  /** When the job runs: the policy's firing time, or the warning time. */
  runAt: string;
  /** When the level fires (equal to runAt for an escalation). */
  escalatesAt: string;
  /** For a warning, the share of the allowed time used at runAt; null for an escalation. */
  share: number | null;
  /**
   * The policy and calendar versions that timed it (see `RulesInForce`), carried on to the
   * command so the history names them. Derived with the check, never stored in a job.
   */
  policyVersion?: string | null;
  calendarVersion?: string | null;
}

/** Keeps ids readable and free of ':' (BullMQ's key separator): ids are percent-encoded. */
const part = (value: string): string =>
  encodeURIComponent(value).replace(/[.*'()!~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The key of a check, derived from what it checks: its command's Idempotency-Key, so running
 * the same check twice (a crash before the job's acknowledgement, two engines, a replay)
 * appends its event once. A warning is one per deadline; an escalation one per deadline and
 * level. (Until the jobs became one per deadline this was also the check's job id, so checks
 * that ran before are still recognised by it.)
 */
export function checkIdempotencyKey(
  check: Pick<EscalationCheck, 'kind' | 'issueId' | 'remediationId' | 'level' | 'dueAt'>,
): string {
  const item = check.remediationId === null ? FIRST_RESPONSE : `item-${part(check.remediationId)}`;
  const due = Date.parse(check.dueAt);
  return check.kind === 'warn'
    ? `warn-${part(check.issueId)}-${item}-${due}`
    : `escalate-${part(check.issueId)}-${item}-L${check.level}-${due}`;
}
