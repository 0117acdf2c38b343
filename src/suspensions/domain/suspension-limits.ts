/**
 * The limits a suspension is held to (documented in docs/escalation.md, "Suspension"):
 * - at most 31 days long: a stop longer than a month is no longer force majeure but a new
 *   plan, to be handled by extensions or a policy change;
 * - it may begin at most 31 days ahead (a warning is for the coming days, not next season);
 * - it may not begin in the past (beyond the clock skew every command is allowed): what
 *   already fell due has fired, and a retroactive stop would move deadlines already missed;
 * - one suspension at a time per scope: no two for the same issue, district or city overlap.
 */
export const MAX_SUSPENSION_MS = 31 * 24 * 3600_000;
export const MAX_SUSPENSION_LEAD_MS = 31 * 24 * 3600_000;
