import type { StoredEvent } from '../../src/event-store/event-store';
import { isOutstanding } from '../../src/issues/domain/deadlines';
import { evolveIssue, type ExistingIssue } from '../../src/issues/domain/issue-state';
import { asIssueEvent } from '../../src/issues/domain/stored-issue-event';
import { TOP_ESCALATION_LEVEL } from '../../src/issues/domain/vocabulary';
import { recordDeadline, type DeadlineRecords } from '../../src/escalation/checks/deadline-records';

/**
 * One issue as the escalation reconciler needs it: the decider's own state (so checks are
 * derived by the very rules that decide them) and whether anything on it can still escalate.
 */
export type DeadlineDoc = {
  id: string;
  state: ExistingIssue;
  /** Open, below the top of the ladder, and with an open item or no first response yet. */
  pending: boolean;
  /** When each deadline was recorded; one already past then is not escalated automatically. */
  records: DeadlineRecords;
  revision: number;
  position: number;
};

export function isPending(state: ExistingIssue): boolean {
  if (state.status === 'closed' || state.escalationLevel >= TOP_ESCALATION_LEVEL) return false;
  if (state.firstResponseAt === null) return true;
  return Object.values(state.remediations).some((r) => isOutstanding(r.status));
}

/** The doc after one more event of its stream; redelivered events leave it unchanged. */
export function evolveDeadlineDoc(doc: DeadlineDoc | null, stored: StoredEvent): DeadlineDoc | null {
  const event = asIssueEvent(stored);
  if (!event) return doc;
  if (doc && stored.revision <= doc.revision) return doc;
  if (!doc && event.type !== 'IssueReported') return doc;
  const state = evolveIssue(doc?.state ?? { status: 'none' }, event);
  if (state.status === 'none') return doc;
  const records = recordDeadline(doc?.records ?? {}, stored);
  return {
    id: state.issueId,
    state,
    pending: isPending(state),
    records,
    revision: stored.revision,
    position: stored.position,
  };
}
