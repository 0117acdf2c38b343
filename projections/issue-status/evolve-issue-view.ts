import type { StoredEvent } from '../../src/event-store/event-store';
import { isOutstanding } from '../../src/issues/domain/deadlines';
import type { IssueEvent } from '../../src/issues/domain/issue-events';
import { statusOf } from '../../src/issues/domain/issue-state';
import { asIssueEvent } from '../../src/issues/domain/stored-issue-event';
import {
  NEVER_DUE,
  standsFor,
  type ExtensionRequestEntry,
  type IssueViewDoc,
  type RemediationEntry,
} from './issue-view';

/**
 * Recomputes what follows from the facts: status, the next due time and its sort key, and
 * whether a warning stands (which, unlike overdue, does not depend on the clock).
 */
function derive(view: IssueViewDoc): IssueViewDoc {
  const closed = view.closedAt !== null;
  const status = statusOf({
    closed,
    hasResponse: view.meetings.length > 0 || view.remediations.length > 0,
    itemStatuses: view.remediations.map((r) => r.status),
  });
  const due = view.remediations.filter((r) => isOutstanding(r.status)).map((r) => r.dueAt);
  const nextDueAt = due.length ? due.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a)) : null;
  // One copy, not two: standsFor reads only facts (first response, items), not what is derived here.
  const warned = !closed && (view.warnings ?? []).some((w) => standsFor(view, w));
  return { ...view, status, nextDueAt, dueKey: !closed && nextDueAt ? nextDueAt : NEVER_DUE, warned };
}

function changeItem(
  view: IssueViewDoc,
  remediationId: string,
  change: (r: RemediationEntry) => RemediationEntry,
): IssueViewDoc {
  return {
    ...view,
    remediations: view.remediations.map((r) => (r.remediationId === remediationId ? change(r) : r)),
  };
}

function decideRequest(
  view: IssueViewDoc,
  remediationId: string,
  requestId: string,
  decision: Pick<
    ExtensionRequestEntry,
    'status' | 'decidedBy' | 'decidedByRole' | 'decidedAt' | 'decisionNote'
  >,
): IssueViewDoc {
  return changeItem(view, remediationId, (r) => ({
    ...r,
    extensionRequests: (r.extensionRequests ?? []).map((x) =>
      x.requestId === requestId ? { ...x, ...decision } : x,
    ),
  }));
}

/**
 * The issue-status view after one more event of its stream. Pure: business times come from
 * the events, and overdue flags are left to `toIssueView` at query time. Events already
 * applied (revision not newer) leave the view as it is, so redelivery is harmless.
 */
export function evolveIssueView(view: IssueViewDoc | null, stored: StoredEvent): IssueViewDoc | null {
  const event = asIssueEvent(stored);
  if (!event) return view;
  if (event.type === 'IssueReported') {
    if (view) return view;
    const d = event.data;
    return derive({
      id: d.issueId,
      title: d.title,
      description: d.description ?? null,
      category: d.category,
      severity: d.severity,
      district: d.district,
      site: d.site ?? null,
      source: d.source,
      reportedBy: d.reportedBy,
      status: 'open',
      escalationLevel: 0,
      escalations: [],
      warnings: [],
      nextDueAt: null,
      dueKey: NEVER_DUE,
      reportedAt: d.occurredAt,
      firstResponseAt: null,
      closedAt: null,
      meetings: [],
      remediations: [],
      revision: stored.revision,
      position: stored.position,
    });
  }
  if (!view || stored.revision <= view.revision) return view;
  const base = { ...view, revision: stored.revision, position: stored.position };
  return derive(applyFact(base, event));
}

function applyFact(view: IssueViewDoc, event: Exclude<IssueEvent, { type: 'IssueReported' }>): IssueViewDoc {
  switch (event.type) {
    case 'MeetingConvened': {
      const {
        issueId: _i,
        occurredAt,
        meetingId,
        kind,
        heldAt,
        convenedBy,
        attendees,
        summary,
        decisions,
      } = event.data;
      return {
        ...view,
        firstResponseAt: view.firstResponseAt ?? occurredAt,
        meetings: [
          ...view.meetings,
          {
            meetingId,
            kind,
            heldAt,
            convenedBy,
            attendees,
            summary: summary ?? null,
            decisions: decisions ?? [],
          },
        ],
      };
    }
    case 'RemediationAssigned': {
      const d = event.data;
      const item: RemediationEntry = {
        remediationId: d.remediationId,
        responsibleUnit: d.responsibleUnit,
        action: d.action,
        assignedBy: d.assignedBy,
        assignedAt: d.occurredAt,
        dueAt: d.dueAt,
        status: 'assigned',
        completedAt: null,
        verifiedAt: null,
        evidence: null,
        comment: null,
        extensions: [],
        extensionRequests: [],
      };
      return {
        ...view,
        firstResponseAt: view.firstResponseAt ?? d.occurredAt,
        remediations: [...view.remediations, item],
      };
    }
    case 'RemediationCompleted': {
      const d = event.data;
      return changeItem(view, d.remediationId, (r) => ({
        ...r,
        status: 'completed',
        completedAt: d.occurredAt,
        evidence: d.evidence ?? null,
      }));
    }
    case 'RemediationVerified': {
      const d = event.data;
      return changeItem(view, d.remediationId, (r) => ({
        ...r,
        status: 'verified',
        verifiedAt: d.occurredAt,
        comment: d.comment ?? null,
      }));
    }
    case 'RemediationRejected': {
      const d = event.data;
      return changeItem(view, d.remediationId, (r) => ({
        ...r,
        status: 'rejected',
        comment: d.comment ?? null,
      }));
    }
    case 'DeadlineExtended': {
      const { issueId: _i, remediationId, ...extension } = event.data;
      return changeItem(view, remediationId, (r) => ({
        ...r,
        dueAt: extension.newDueAt,
        extensions: [...r.extensions, extension],
      }));
    }
    case 'ExtensionRequested': {
      const d = event.data;
      const request: ExtensionRequestEntry = {
        requestId: d.requestId,
        status: 'pending',
        currentDueAt: d.currentDueAt,
        newDueAt: d.newDueAt,
        reason: d.reason,
        requestedBy: d.requestedBy,
        requestedByActor: d.requestedByActor,
        requestedByRole: d.requestedByRole,
        requestedAt: d.occurredAt,
        rule: d.rule,
        decidedBy: null,
        decidedByRole: null,
        decidedAt: null,
        decisionNote: null,
      };
      return changeItem(view, d.remediationId, (r) => ({
        ...r,
        extensionRequests: [...(r.extensionRequests ?? []), request],
      }));
    }
    case 'ExtensionApproved': {
      const d = event.data;
      return decideRequest(view, d.remediationId, d.requestId, {
        status: 'approved',
        decidedBy: d.approvedBy,
        decidedByRole: d.approvedByRole,
        decidedAt: d.occurredAt,
        decisionNote: d.comment,
      });
    }
    case 'ExtensionRefused': {
      const d = event.data;
      return decideRequest(view, d.remediationId, d.requestId, {
        status: 'refused',
        decidedBy: d.refusedBy,
        decidedByRole: d.refusedByRole,
        decidedAt: d.occurredAt,
        decisionNote: d.reason,
      });
    }
    case 'IssueEscalated': {
      const { issueId: _i, ...escalation } = event.data;
      return {
        ...view,
        escalationLevel: Math.max(view.escalationLevel, escalation.level),
        escalations: [...view.escalations, escalation],
      };
    }
    case 'EscalationWarningIssued': {
      const { issueId: _i, ...warning } = event.data;
      return { ...view, warnings: [...(view.warnings ?? []), warning] };
    }
    case 'IssueClosed':
      return { ...view, closedAt: event.data.occurredAt };
    case 'IssueReopened':
      return { ...view, closedAt: null };
    default: {
      const unexpected: never = event;
      throw new Error(`unknown issue event ${JSON.stringify(unexpected)}`);
    }
  }
}
