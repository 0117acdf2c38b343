import type { Category, EscalationLevel, Severity } from '../../issues/domain/vocabulary';
import type { Duration } from './duration';

/**
 * The escalation ladder for one category and severity. Every deadline climbs the same
 * ladder: an item's due time, or for an issue nobody has responded to, its first-response
 * deadline (reported time + `firstResponse`). Level N fires `levels[N]` past that deadline.
 */
export interface LadderRule {
  /** How long a new issue may wait for a meeting or a remediation item. */
  firstResponse: Duration;
  /** How long past the deadline each level fires: 1 district bureau, 2 city division, 3 bureau leadership. */
  levels: Record<EscalationLevel, Duration>;
  /** The share of a deadline's allowed time (0 < share < 1) at which the yellow warning goes out; null for none. */
  warningShare: number | null;
}

/** A loaded, validated policy: a rule for every category × severity. */
export interface EscalationPolicy {
  /** The file it was loaded from. */
  source: string;
  /** The policy's own name (from the file), e.g. "default" or "fast". */
  name: string;
  ruleFor(category: Category, severity: Severity): LadderRule;
}

/** A policy file that cannot be used; the message names the file and the bad entry. */
export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}

/** Injection tokens for the loaded policy and the working-day calendar. */
export const ESCALATION_POLICY = Symbol('ESCALATION_POLICY');
export const WORKING_CALENDAR = Symbol('WORKING_CALENDAR');
