import type { EscalationPolicy } from '../escalation/policy/escalation-policy';
import { defaultPolicyFile, loadEscalationPolicy } from '../escalation/policy/load-policy';
import type { DemoScenario, DemoStep } from './demo-scenario';

let demoPolicy: EscalationPolicy | null = null;
/** The policy the demo engine runs by default (config/escalation-policy.yaml), read once when needed. */
export const defaultDemoPolicy = (): EscalationPolicy =>
  (demoPolicy ??= loadEscalationPolicy(defaultPolicyFile()));

/** Who approves a demo extension the work group may not give alone, as the comment names them. */
export const DIVISION_APPROVES = '同意延期（市建设局 安监处处长）';
export const LEADER_APPROVES = '同意延期（市建设局 分管副局长）';

/**
 * A scenario's extensions as the policy's rule for its category × severity wants them: where
 * the requester may not approve alone, each becomes a request by the district's work group and
 * an approval by the city (the division, or the leadership where only it approves), at the same
 * moment. Elsewhere the work group extends alone, as before. The plans keep their random draws,
 * so the demo's figures stay what docs and specs say.
 */
export function extensionsByTheRules(scenario: DemoScenario, policy: EscalationPolicy): DemoScenario {
  const rule = policy.extensionRuleFor(scenario.report.category, scenario.report.severity);
  if (!rule || rule.requesterMayApprove) return scenario;
  const comment = rule.approvers.includes('division') ? DIVISION_APPROVES : LEADER_APPROVES;
  const steps = scenario.steps.flatMap((step): DemoStep[] =>
    step.command === 'extension'
      ? [
          { command: 'extension-request', item: step.item, body: step.body },
          {
            command: 'extension-approval',
            item: step.item,
            body: { comment, occurredAt: step.body.occurredAt },
          },
        ]
      : [step],
  );
  return { ...scenario, steps };
}
