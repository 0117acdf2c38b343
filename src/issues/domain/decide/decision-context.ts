import type { ExtensionAsked } from '../../../escalation/policy/extension-limits';
import type { ExtensionRule } from '../../../escalation/policy/escalation-policy';
import type { EscalationRecipient } from '../issue-events';
import type { ExistingIssue } from '../issue-state';
import type { AutomaticTrigger, Category, District, EscalationLevel, Severity } from '../vocabulary';

/** The automatic check a command stands for, as the decider asks about its timing. */
export interface AutomaticCheckRef {
  kind: 'escalate' | 'warn';
  trigger: AutomaticTrigger;
  remediationId: string | null;
  level: EscalationLevel;
  dueAt: Date;
}

/** When the rules in force time an automatic check now, and the breach it measures. */
export interface AutomaticCheckTiming {
  /** The earliest moment the check may act. */
  at: Date;
  /** The deadline as it stands now (moved by any suspension). */
  breachAt: Date;
}

/**
 * The policy's extension rules as the decider reads them: the rule of a category × severity,
 * and why it refuses an extension (its cap, its longest extension, measured on the working
 * calendar the caller holds). Passed in, so the decider reads no policy file and no calendar.
 */
export interface ExtensionRules {
  /** Null when the policy has no `extensions` section: extensions are then not limited by it. */
  ruleFor(category: Category, severity: Severity): ExtensionRule | null;
  /** Why `rule` refuses the extension asked, naming the rule; null when it allows it. */
  refusal(rule: ExtensionRule, asked: ExtensionAsked): string | null;
}

/**
 * Configuration the decider reads, passed in so it stays pure: who each escalation level of a
 * district goes to (the work group's 1+1+1 leadership), and the extension rules in force.
 * Without them, recipients are null and extensions are limited by nothing but the access policy.
 *
 * For the automatic commands, the escalation engine also says what it knows from the rest of
 * the log: the suspension in force over the issue at a moment (force majeure: nothing
 * escalates and no warning goes out then), and how the checks are timed now (a suspension
 * moves them), so a check queued before either changed is refused until its time. Without
 * them, the command's own times stand.
 */
export interface DecisionContext {
  recipientFor?: (district: District, level: EscalationLevel) => EscalationRecipient | null;
  extensions?: ExtensionRules;
  suspensionAt?: (issue: ExistingIssue, at: Date) => { suspensionId: string; endsAt: Date } | null;
  automaticTiming?: (issue: ExistingIssue, check: AutomaticCheckRef) => AutomaticCheckTiming | null;
}

/** Who an escalation of `district` to `level` goes to, or null when nobody is configured. */
export const recipientOf = (
  context: DecisionContext,
  district: District,
  level: EscalationLevel,
): EscalationRecipient | null => context.recipientFor?.(district, level) ?? null;

/**
 * When an automatic check may act: not while the issue is suspended (then not before the
 * suspension ends), and not before the later of its own time and the time the rules in force
 * give it now. Null when it may act at `now`.
 */
export function notBefore(
  context: DecisionContext,
  issue: ExistingIssue,
  check: AutomaticCheckRef,
  own: Date,
  now: Date,
): { at: Date; why: string } | null {
  const suspended = context.suspensionAt?.(issue, now);
  if (suspended) return { at: suspended.endsAt, why: ` (suspended by ${suspended.suspensionId})` };
  const timing = context.automaticTiming?.(issue, check);
  const at = timing && timing.at > own ? timing.at : own;
  return now.getTime() < at.getTime() ? { at, why: '' } : null;
}
