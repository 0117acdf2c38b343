import type { DecisionContext } from '../domain/issue-decide';

/**
 * What the escalation engine adds to the decision context of an automatic check (a
 * suspension in force, how the checks are timed now), read from the rest of the log just
 * before the decision. Provided by the escalation module when escalation runs; without it the
 * automatic commands decide on their own times.
 */
export interface AutomaticDecisions {
  forAutomaticCheck(): Promise<Pick<DecisionContext, 'suspensionAt' | 'automaticTiming'>>;
}

export const AUTOMATIC_DECISIONS = Symbol('AUTOMATIC_DECISIONS');
