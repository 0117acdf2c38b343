import type { RemediationStatus } from './vocabulary';

/**
 * The deadlines an issue must meet: each outstanding item's due time, and the first response
 * while nobody has responded. Defined once here for the decider, the escalation checks and
 * the read models, so none of them can disagree on what is still to be done.
 */

/** The first-response deadline's key wherever deadlines are keyed by item (it has no item). */
export const FIRST_RESPONSE = 'first-response';

/** The key of a deadline: its item's id, or FIRST_RESPONSE for the first response. */
export const deadlineKey = (remediationId: string | null): string => remediationId ?? FIRST_RESPONSE;

/** An item still to be done: assigned, or rejected at verification and so back to do. */
export const isOutstanding = (status: RemediationStatus): boolean =>
  status === 'assigned' || status === 'rejected';

/** One warning per deadline: an item (or the first response) at one due time. */
export const warningKey = (remediationId: string | null, dueAt: string): string =>
  `${deadlineKey(remediationId)}@${new Date(dueAt).toISOString()}`;
