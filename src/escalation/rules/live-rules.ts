import type { WorkingCalendar } from '../calendar/working-calendar';
import type { EscalationPolicy } from '../policy/escalation-policy';
import type { RulesSnapshot } from './rules-snapshot';

/**
 * A policy and a calendar that answer, at each call, with those of the snapshot `current()`
 * gives: what the escalation graph holds, so a new version needs no rebuilding of anything.
 */
export function liveRules(current: () => RulesSnapshot): {
  policy: EscalationPolicy;
  calendar: WorkingCalendar;
} {
  return {
    policy: livePolicy(
      () => current().policy,
      () => current().policyVersion,
    ),
    calendar: liveCalendar(
      () => current().calendar,
      () => current().calendarVersion,
    ),
  };
}

/** A policy that answers with whatever `current()` gives at each call. */
function livePolicy(current: () => EscalationPolicy, version: () => string): EscalationPolicy {
  return {
    get version() {
      return version();
    },
    get source() {
      return current().source;
    },
    get name() {
      return current().name;
    },
    ruleFor: (category, severity) => current().ruleFor(category, severity),
    extensionRuleFor: (category, severity) => current().extensionRuleFor(category, severity),
  };
}

/** A calendar that answers with whatever `current()` gives at each call. */
function liveCalendar(current: () => WorkingCalendar, version: () => string): WorkingCalendar {
  return {
    get version() {
      return version();
    },
    isWorkingDay: (at) => current().isWorkingDay(at),
    addWorkingDays: (at, days) => current().addWorkingDays(at, days),
    addWorkingDaysWithCoverage: (at, days) => current().addWorkingDaysWithCoverage(at, days),
    coverageOf: (at) => current().coverageOf(at),
    get years() {
      return current().years;
    },
    get covers() {
      return current().covers;
    },
    get uncoveredYears() {
      return current().uncoveredYears;
    },
    get source() {
      return current().source;
    },
    assumedYears: () => current().assumedYears(),
  };
}
