import { CalendarNotCoveredError, type WorkingCalendar } from '../../escalation/calendar/working-calendar';
import type { EscalationPolicy } from '../../escalation/policy/escalation-policy';
import { extensionRefusal } from '../../escalation/policy/extension-limits';
import type { ExtensionRules } from '../domain/decide/decision-context';

/**
 * The policy's extension rules as the pure decider takes them: the rule per category ×
 * severity, and its refusal measured on the working calendar. A longest extension counted in
 * working days through a year no holiday data covers cannot be measured: that is a refusal
 * (409) saying so, not a failure of the engine.
 */
export function extensionRulesOf(policy: EscalationPolicy, calendar: WorkingCalendar): ExtensionRules {
  return {
    ruleFor: (category, severity) => policy.extensionRuleFor(category, severity),
    refusal: (rule, asked) => {
      try {
        return extensionRefusal(rule, asked, calendar);
      } catch (error) {
        if (!(error instanceof CalendarNotCoveredError)) throw error;
        return `the policy rule ${rule.entry} measures an extension in working days (${rule.maxLength.text}), and ${error.message}`;
      }
    },
  };
}
