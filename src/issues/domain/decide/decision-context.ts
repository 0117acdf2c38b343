import type { EscalationRecipient } from '../issue-events';
import type { District, EscalationLevel } from '../vocabulary';

/**
 * Configuration the decider reads, passed in so it stays pure: who each escalation level of a
 * district goes to (the work group's 1+1+1 leadership). Without it, recipients are null.
 */
export interface DecisionContext {
  recipientFor?: (district: District, level: EscalationLevel) => EscalationRecipient | null;
}

/** Who an escalation of `district` to `level` goes to, or null when nobody is configured. */
export const recipientOf = (
  context: DecisionContext,
  district: District,
  level: EscalationLevel,
): EscalationRecipient | null => context.recipientFor?.(district, level) ?? null;
