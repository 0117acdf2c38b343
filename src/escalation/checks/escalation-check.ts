import { FIRST_RESPONSE } from '../../issues/domain/deadlines';
import type { AutomaticTrigger, EscalationLevel } from '../../issues/domain/vocabulary';

/**
 * One pending automatic action on an issue, as a delayed job carries it: escalate a deadline
 * to `level` at `runAt`, or warn (the yellow light) at `runAt` that it escalates at
 * `escalatesAt`. Times are ISO strings so the check survives JSON in Redis unchanged.
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
   * measures. Absent when no suspension touched it (and in checks queued before suspensions).
   */
  suspendedDueAt?: string;
  /** When the job runs: the policy's firing time, or the warning time. */
  runAt: string;
  /** When the level fires (equal to runAt for an escalation). */
  escalatesAt: string;
  /** For a warning, the share of the allowed time used at runAt; null for an escalation. */
  share: number | null;
  /**
   * The policy and calendar versions that timed it (see `RulesInForce`); the worker re-derives a
   * check timed by other versions before it acts. Absent on checks queued before versions.
   */
  policyVersion?: string | null;
  calendarVersion?: string | null;
}

/** Keeps ids readable and free of ':' (BullMQ's key separator): ids are percent-encoded. */
const part = (value: string): string =>
  encodeURIComponent(value).replace(/[.*'()!~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The BullMQ job id of a check, derived from what it checks, so scheduling the same check
 * twice (a replayed event, the reconciler, a second engine) adds nothing. A warning is one
 * per deadline; an escalation one per deadline and level.
 */
export function checkJobId(
  check: Pick<EscalationCheck, 'kind' | 'issueId' | 'remediationId' | 'level' | 'dueAt'>,
): string {
  const item = check.remediationId === null ? FIRST_RESPONSE : `item-${part(check.remediationId)}`;
  const due = Date.parse(check.dueAt);
  return check.kind === 'warn'
    ? `warn-${part(check.issueId)}-${item}-${due}`
    : `escalate-${part(check.issueId)}-${item}-L${check.level}-${due}`;
}
