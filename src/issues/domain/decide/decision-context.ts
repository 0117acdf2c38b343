import type { ExtensionAsked } from '../../../escalation/policy/extension-limits';
import type { ExtensionRule } from '../../../escalation/policy/escalation-policy';
import type { EscalationRecipient } from '../issue-events';
import type { Category, District, EscalationLevel, Severity } from '../vocabulary';

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
 */
export interface DecisionContext {
  recipientFor?: (district: District, level: EscalationLevel) => EscalationRecipient | null;
  extensions?: ExtensionRules;
}

/** Who an escalation of `district` to `level` goes to, or null when nobody is configured. */
export const recipientOf = (
  context: DecisionContext,
  district: District,
  level: EscalationLevel,
): EscalationRecipient | null => context.recipientFor?.(district, level) ?? null;
