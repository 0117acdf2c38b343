import type { IssueView, RemediationView } from '../../projections/issue-status/issue-view';
import type { EscalationPolicy, ExtensionRule } from '../escalation/policy/escalation-policy';

/** The extension rule of an issue as its view shows it (the rule in force at query time). */
export interface ExtensionRuleView {
  entry: string;
  maxExtensions: number;
  /** As the policy writes it, e.g. `30d` or `5wd`. */
  maxLength: string;
  approvedBy: string;
  approvers: readonly string[];
  requesterMayApprove: boolean;
  basis: string | null;
}

/** One item with its extensions counted against the rule's cap and its pending requests. */
export type RemediationWithExtensions = RemediationView & {
  extensionCount: number;
  /** The rule's cap; null when the policy states no rule. */
  maxExtensions: number | null;
  /** Requests still waiting for a decision (at most one). */
  pendingExtensionRequests: RemediationView['extensionRequests'];
};

export type IssueViewWithExtensions = Omit<IssueView, 'remediations'> & {
  extensionRule: ExtensionRuleView | null;
  remediations: RemediationWithExtensions[];
};

const ruleView = (rule: ExtensionRule): ExtensionRuleView => ({
  entry: rule.entry,
  maxExtensions: rule.maxExtensions,
  maxLength: rule.maxLength.text,
  approvedBy: rule.approvedBy,
  approvers: rule.approvers,
  requesterMayApprove: rule.requesterMayApprove,
  basis: rule.basis,
});

/**
 * The issue view with the policy's extension rule for its category × severity, and per item
 * how many extensions it had against the cap and which requests wait. Read from the policy at
 * query time, like the next escalation: the page offers what the rule in force allows.
 */
export function withExtensionOutlook(view: IssueView, policy: EscalationPolicy): IssueViewWithExtensions {
  const rule = policy.extensionRuleFor(view.category, view.severity);
  return {
    ...view,
    extensionRule: rule ? ruleView(rule) : null,
    remediations: view.remediations.map((item) => ({
      ...item,
      extensionCount: item.extensions.length,
      maxExtensions: rule?.maxExtensions ?? null,
      pendingExtensionRequests: item.extensionRequests.filter((r) => r.status === 'pending'),
    })),
  };
}
