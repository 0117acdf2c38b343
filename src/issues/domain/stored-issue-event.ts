import type { StoredEvent } from '../../event-store/event-store';
import { ISSUE_EVENT_TYPES, type IssueEvent } from './issue-events';

/**
 * Reading issue events back from the log, for every reader that is not the decider (the
 * projections, the escalation scheduler, the audit index): which issue an event belongs to,
 * and the stored event as a domain event.
 */

/** The issue an event belongs to, from its data; null for events of no issue. */
export function issueIdOf(event: StoredEvent): string | null {
  const issueId = (event.data as { issueId?: unknown } | null)?.issueId;
  return typeof issueId === 'string' ? issueId : null;
}

/** The stored event as an issue event, or null for a type the issue feature does not know. */
export function asIssueEvent(event: StoredEvent): IssueEvent | null {
  return (ISSUE_EVENT_TYPES as readonly string[]).includes(event.type)
    ? ({ type: event.type, data: event.data } as IssueEvent)
    : null;
}
