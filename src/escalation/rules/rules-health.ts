import type { RulesInForce } from './rules-in-force';

/** The versions in force for /health: each with when and how it was installed, and what changed. */
export function rulesHealth(rules: RulesInForce): Record<string, unknown> {
  const installed = rules.installed();
  const { policyVersion, calendarVersion } = rules.current();
  const of = (version: string, entry: { installedAt: string; installedBy: string } | null | undefined) => ({
    version,
    installedAt: entry?.installedAt ?? null,
    installedBy: entry?.installedBy ?? null,
  });
  return {
    policy: of(policyVersion, installed?.policy),
    calendar: of(calendarVersion, installed?.calendar),
  };
}
