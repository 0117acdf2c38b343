import type { WorkingCalendar } from '../calendar/working-calendar';
import { addDuration } from './duration';
import type { ExtensionRule } from './escalation-policy';

/** One extension asked for, as the rule measures it. */
export interface ExtensionAsked {
  /** How many extensions the item has had before this one. */
  extensionsSoFar: number;
  /** The item's current due time. */
  currentDueAt: Date;
  /** The due time asked for. */
  newDueAt: Date;
}

/**
 * The latest due time one extension under `rule` may set: `maxLength` after the current due
 * time, in calendar time or Shanghai working days.
 * @throws CalendarNotCoveredError for working days through a year the calendar refuses.
 */
export function latestExtendedDueAt(
  rule: ExtensionRule,
  currentDueAt: Date,
  calendar: WorkingCalendar,
): Date {
  return addDuration(currentDueAt, rule.maxLength, calendar);
}

/**
 * Why `rule` refuses an extension, in words that name the rule (for a 409); null when it allows
 * it. Who may approve is not judged here: compare the principal's role with `rule.approvers`.
 * @throws CalendarNotCoveredError as `latestExtendedDueAt` does.
 */
export function extensionRefusal(
  rule: ExtensionRule,
  asked: ExtensionAsked,
  calendar: WorkingCalendar,
): string | null {
  const basis = rule.basis ? ` (${rule.basis})` : '';
  if (rule.maxExtensions === 0) return `the policy rule ${rule.entry} allows no extension${basis}`;
  if (asked.extensionsSoFar >= rule.maxExtensions) {
    return (
      `the policy rule ${rule.entry} allows ${rule.maxExtensions} extension${rule.maxExtensions === 1 ? '' : 's'} ` +
      `per item and this item has had ${asked.extensionsSoFar}${basis}`
    );
  }
  const latest = latestExtendedDueAt(rule, asked.currentDueAt, calendar);
  if (asked.newDueAt.getTime() > latest.getTime()) {
    return (
      `the policy rule ${rule.entry} allows an extension of at most ${rule.maxLength.text}: ` +
      `the latest due time is ${latest.toISOString()}, not ${asked.newDueAt.toISOString()}${basis}`
    );
  }
  return null;
}
