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

/**
 * The roles that may approve an extension, lowest first (the roles of the identity contract):
 * a rule names the lowest, and every role after it approves too.
 */
export const EXTENSION_APPROVER_ROLES = ['district-bureau', 'work-group', 'division', 'leadership'] as const;
export type ExtensionApproverRole = (typeof EXTENSION_APPROVER_ROLES)[number];

/**
 * How the due time of one remediation item may be extended, for one category and severity.
 * Measured per item: `maxExtensions` counts its extensions, `maxLength` how far one extension
 * may move its current due time.
 */
export interface ExtensionRule {
  /** Where the rule sits in the policy, e.g. `extensions.petition-complaint.*`: a refusal names it. */
  entry: string;
  /** How many extensions one item may have; 0 forbids them. */
  maxExtensions: number;
  /** The most one extension may add to the current due time (calendar time or working days). */
  maxLength: Duration;
  /** The lowest role that approves an extension, as the policy names it. */
  approvedBy: ExtensionApproverRole;
  /** Every role that approves: `approvedBy` and the roles above it. */
  approvers: readonly ExtensionApproverRole[];
  /**
   * Whether a requester who holds an approver role may extend alone (one `DeadlineExtended`);
   * otherwise a request waits for another principal's approval (request/approve flow).
   */
  requesterMayApprove: boolean;
  /** Why: the statute or practice the policy cites; null when it cites none. */
  basis: string | null;
}

/** A loaded, validated policy: a rule for every category × severity. */
export interface EscalationPolicy {
  /** The file it was loaded from. */
  source: string;
  /** The policy's own name (from the file), e.g. "default" or "fast". */
  name: string;
  /**
   * The version in force (see `RulesInForce`): the hash of the content the log recorded; absent
   * for a policy loaded on its own (a script, a unit spec).
   */
  readonly version?: string;
  ruleFor(category: Category, severity: Severity): LadderRule;
  /**
   * The extension rule for a category and severity (its own entry or the category's `"*"`);
   * null when the policy has no `extensions` section (extensions are then not limited by it).
   */
  extensionRuleFor(category: Category, severity: Severity): ExtensionRule | null;
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
