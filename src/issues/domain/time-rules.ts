import { InvalidCommandError } from '../../shared-kernel/domain-errors';

/**
 * Plausibility rules for the times a client claims. Business time may lie in the past (an
 * issue found on site last week is recorded today), but not before the system's era and not
 * in the future beyond ordinary clock skew between the client and the server.
 */
export const EARLIEST_BUSINESS_TIME = new Date('2000-01-01T00:00:00.000Z');
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
export const MAX_DUE_YEARS = 5;

const isValid = (time: Date): boolean => time instanceof Date && !Number.isNaN(time.getTime());

const latestAllowed = (now: Date): Date => new Date(now.getTime() + CLOCK_SKEW_MS);

/** now + 5 years, by calendar (leap days included), in UTC. */
export const latestDueTime = (now: Date): Date => {
  const limit = new Date(now.getTime());
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_DUE_YEARS);
  return limit;
};

export function assertBusinessTime(field: string, time: Date, now: Date): void {
  if (!isValid(time)) {
    throw new InvalidCommandError(field, 'is not a valid time; send an ISO-8601 timestamp');
  }
  if (time < EARLIEST_BUSINESS_TIME) {
    throw new InvalidCommandError(
      field,
      `${time.toISOString()} is before ${EARLIEST_BUSINESS_TIME.toISOString()}; check the year`,
    );
  }
  const latest = latestAllowed(now);
  if (time > latest) {
    throw new InvalidCommandError(
      field,
      `${time.toISOString()} is in the future (server time ${now.toISOString()}); ` +
        'send the time it actually happened',
    );
  }
}

/** A due time must follow the moment it is set from and lie within a plausible horizon. */
export function assertDueTime(field: string, due: Date, from: Date, now: Date): void {
  if (!isValid(due)) {
    throw new InvalidCommandError(field, 'is not a valid time; send an ISO-8601 timestamp');
  }
  if (due <= from) {
    throw new InvalidCommandError(field, `${due.toISOString()} must be later than ${from.toISOString()}`);
  }
  const limit = latestDueTime(now);
  if (due > limit) {
    throw new InvalidCommandError(
      field,
      `${due.toISOString()} is more than ${MAX_DUE_YEARS} years ahead (latest ${limit.toISOString()}); ` +
        'split the work into nearer items',
    );
  }
}

/** Commands on an existing issue may not claim to predate its report. */
/**
 * Clients often send times truncated to the second or minute (`date -Iseconds`, a form with a
 * minute picker) while the report may carry milliseconds: a command up to a minute "before"
 * the report is the same moment, not a mistake.
 */
const SAME_MOMENT_MS = 60_000;

export function assertNotBefore(field: string, time: Date, reportedAt: string): void {
  if (time.getTime() < Date.parse(reportedAt) - SAME_MOMENT_MS) {
    throw new InvalidCommandError(
      field,
      `${time.toISOString()} is before the issue was reported (${reportedAt}); ` +
        'it must be about this issue',
    );
  }
}
