import { isOutstanding, warningKey } from './deadlines';
import type { IssueEvent } from './issue-events';
import type {
  Category,
  District,
  EscalationLevel,
  IssueStatus,
  RemediationStatus,
  Severity,
} from './vocabulary';

/**
 * What `decideIssue` needs to know about one issue, folded from its stream by `evolveIssue`.
 * Only the facts that rules depend on are kept; the read models keep the rest.
 */
export interface RemediationState {
  status: RemediationStatus;
  /** The current due time (ISO), moved by DeadlineExtended. */
  dueAt: string;
  responsibleUnit: string;
  /** When the current due time was set (assignment or extension): its allowed time runs from here. */
  allowedFrom: string;
  /** How many times its due time was extended (what the policy's cap counts). */
  extensions: number;
  /** Every extension request made on it, by id; a decided one stays so it cannot be decided again. */
  requests: Record<string, ExtensionRequestState>;
}

/** One extension request, as the approval needs it. */
export interface ExtensionRequestState {
  status: 'pending' | 'approved' | 'refused';
  /** The due time asked for (ISO). */
  newDueAt: string;
  reason: string;
  /** Who asked, as their principal's actor id: the requester may not approve alone. */
  requestedByActor: string;
}

export type NoIssue = { status: 'none' };

export interface ExistingIssue {
  status: IssueStatus;
  issueId: string;
  /** Business time of the report (ISO). Later commands may not claim to predate it. */
  reportedAt: string;
  category: Category;
  severity: Severity;
  district: District;
  /** 0 before any escalation, then the highest level reached. */
  escalationLevel: 0 | EscalationLevel;
  remediations: Record<string, RemediationState>;
  meetingIds: string[];
  /** Business time of the first meeting or assignment, null until there is one. */
  firstResponseAt: string | null;
  /** Set by IssueClosed, cleared by IssueReopened. */
  closedAt: string | null;
  /** The deadlines already warned about, as `warningKey(remediationId, dueAt)`. */
  warned: string[];
}

export type IssueState = NoIssue | ExistingIssue;

export const initialIssueState = (): IssueState => ({ status: 'none' });

/**
 * The one status rule, shared with the read-model projections so the board and the decider
 * never disagree. `hasResponse` means a meeting was convened or an item assigned.
 */
export function statusOf(facts: {
  closed: boolean;
  hasResponse: boolean;
  itemStatuses: RemediationStatus[];
}): IssueStatus {
  if (facts.closed) return 'closed';
  const items = facts.itemStatuses;
  const someCompleted = items.includes('completed');
  const someOutstanding = items.some(isOutstanding);
  if (someCompleted && !someOutstanding) return 'awaiting-verification';
  if (facts.hasResponse || items.length > 0) return 'in-progress';
  return 'open';
}

/**
 * Recomputes an existing issue's status from its facts after any change. Sets it on `fresh`,
 * which every caller has just made by copying (so nobody else holds it yet): a second copy
 * of the whole state per event only for its status was most of the fold's cost in a rebuild.
 */
const withStatus = (fresh: ExistingIssue): ExistingIssue => {
  fresh.status = statusOf({
    closed: fresh.closedAt !== null,
    hasResponse: fresh.firstResponseAt !== null,
    itemStatuses: Object.values(fresh.remediations).map((r) => r.status),
  });
  return fresh;
};

const setItem = (
  issue: ExistingIssue,
  remediationId: string,
  change: Partial<RemediationState>,
): ExistingIssue => {
  const item = issue.remediations[remediationId];
  // An event about an unknown item cannot come from our decider; ignore rather than crash a fold.
  if (!item) return issue;
  return withStatus({
    ...issue,
    remediations: { ...issue.remediations, [remediationId]: { ...item, ...change } },
  });
};

const decideRequest = (
  issue: ExistingIssue,
  d: { remediationId: string; requestId: string },
  status: 'approved' | 'refused',
): ExistingIssue => {
  const request = issue.remediations[d.remediationId]?.requests[d.requestId];
  if (!request) return issue;
  return setItem(issue, d.remediationId, {
    requests: { ...issue.remediations[d.remediationId].requests, [d.requestId]: { ...request, status } },
  });
};

export function evolveIssue(state: IssueState, event: IssueEvent): IssueState {
  if (event.type === 'IssueReported') {
    const d = event.data;
    return {
      status: 'open',
      issueId: d.issueId,
      reportedAt: d.occurredAt,
      category: d.category,
      severity: d.severity,
      district: d.district,
      escalationLevel: 0,
      remediations: {},
      meetingIds: [],
      firstResponseAt: null,
      closedAt: null,
      warned: [],
    };
  }
  // Every other event presumes a reported issue; a stream cannot start without one.
  if (state.status === 'none') return state;
  const issue = state;

  switch (event.type) {
    case 'MeetingConvened':
      return withStatus({
        ...issue,
        meetingIds: [...issue.meetingIds, event.data.meetingId],
        firstResponseAt: issue.firstResponseAt ?? event.data.occurredAt,
      });
    case 'RemediationAssigned': {
      const d = event.data;
      return withStatus({
        ...issue,
        remediations: {
          ...issue.remediations,
          [d.remediationId]: {
            status: 'assigned',
            dueAt: d.dueAt,
            responsibleUnit: d.responsibleUnit,
            allowedFrom: d.occurredAt,
            extensions: 0,
            requests: {},
          },
        },
        firstResponseAt: issue.firstResponseAt ?? d.occurredAt,
      });
    }
    case 'RemediationCompleted':
      return setItem(issue, event.data.remediationId, { status: 'completed' });
    case 'RemediationVerified':
      return setItem(issue, event.data.remediationId, { status: 'verified' });
    case 'RemediationRejected':
      return setItem(issue, event.data.remediationId, { status: 'rejected' });
    case 'DeadlineExtended': {
      const item = issue.remediations[event.data.remediationId];
      return setItem(issue, event.data.remediationId, {
        dueAt: event.data.newDueAt,
        allowedFrom: event.data.occurredAt,
        extensions: (item?.extensions ?? 0) + 1,
      });
    }
    case 'ExtensionRequested': {
      const d = event.data;
      const item = issue.remediations[d.remediationId];
      return setItem(issue, d.remediationId, {
        requests: {
          ...item?.requests,
          [d.requestId]: {
            status: 'pending',
            newDueAt: d.newDueAt,
            reason: d.reason,
            requestedByActor: d.requestedByActor,
          },
        },
      });
    }
    case 'ExtensionApproved':
      return decideRequest(issue, event.data, 'approved');
    case 'ExtensionRefused':
      return decideRequest(issue, event.data, 'refused');
    case 'IssueEscalated':
      return {
        ...issue,
        escalationLevel: Math.max(issue.escalationLevel, event.data.level) as EscalationLevel,
      };
    case 'EscalationWarningIssued':
      return { ...issue, warned: [...issue.warned, warningKey(event.data.remediationId, event.data.dueAt)] };
    case 'IssueClosed':
      return withStatus({ ...issue, closedAt: event.data.occurredAt });
    case 'IssueReopened':
      return withStatus({ ...issue, closedAt: null });
    default: {
      const unexpected: never = event;
      throw new Error(`unknown issue event ${JSON.stringify(unexpected)}`);
    }
  }
}
