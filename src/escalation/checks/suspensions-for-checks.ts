import type { StoredEvent } from '../../event-store/event-store';
import type { SuspendedPeriod } from './suspended-time';

/**
 * What escalation needs to know of the suspensions (force majeure): brought up to the head of
 * the log, and the periods covering one issue. The engine's SuspensionBook provides it.
 */
export interface SuspensionsForChecks {
  refresh(): Promise<void>;
  /** Takes in events the caller read from the log anyway (the scheduler's batch), before a refresh. */
  observe?(events: readonly StoredEvent[]): void;
  periodsFor(issue: {
    issueId: string;
    district: string;
  }): ReadonlyArray<SuspendedPeriod & { suspensionId: string }>;
  /** What a suspension covers, to re-time those issues when it begins or is lifted; null if unknown. */
  scopeOf(
    suspensionId: string,
  ): { kind: 'issue'; issueId: string } | { kind: 'district'; district: string } | { kind: 'city' } | null;
}

/** No suspensions at all (a spec or tool that builds the graph without them). */
export const NO_SUSPENSIONS: SuspensionsForChecks = {
  refresh: () => Promise.resolve(),
  periodsFor: () => [],
  scopeOf: () => null,
};
