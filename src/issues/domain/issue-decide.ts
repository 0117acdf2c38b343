import {
  InvalidCommandError,
  NotFoundError,
  NotYetDueError,
  StateConflictError,
} from '../../shared-kernel/domain-errors';
import type * as C from './issue-commands';
import type {
  EscalationRecipient,
  EscalationWarningIssued,
  IssueEvent,
  IssueEscalated,
} from './issue-events';
import { isOutstanding, warningKey } from './deadlines';
import type { ExistingIssue, IssueState, RemediationState } from './issue-state';
import { assertBusinessTime, assertDueTime, assertNotBefore } from './time-rules';
import { TOP_ESCALATION_LEVEL, type District, type EscalationLevel } from './vocabulary';

/**
 * Configuration the decider reads, passed in so it stays pure: who each escalation level of a
 * district goes to (the work group's 1+1+1 leadership). Without it, recipients are null.
 */
export interface DecisionContext {
  recipientFor?: (district: District, level: EscalationLevel) => EscalationRecipient | null;
}

/**
 * The Issue decider: given a command and the issue's current state, the events it causes, or
 * a DomainError saying why not. Pure: time comes from `command.metadata`, ids from the caller.
 * `issueId` only names the issue in "does not exist" messages (commands on an existing issue
 * carry no id; the handler knows it from the route).
 */
export function decideIssue(
  command: C.IssueCommand,
  state: IssueState,
  issueId?: string,
  context: DecisionContext = {},
): IssueEvent[] {
  const { now, occurredAt } = command.metadata;
  assertBusinessTime('occurredAt', occurredAt, now);
  const at = occurredAt.toISOString();

  if (command.type === 'ReportIssue') {
    if (state.status !== 'none') {
      throw new StateConflictError(
        `issue ${command.data.issueId} already exists; report a new issue with a new id`,
      );
    }
    return [report(command, at)];
  }
  if (state.status === 'none') {
    throw new NotFoundError(`issue ${issueId ?? '(unknown id)'} does not exist`);
  }
  // Automation acts on checks scheduled earlier; a closed issue simply needs nothing more.
  const recipientFor = (level: EscalationLevel) => context.recipientFor?.(state.district, level) ?? null;
  if (command.type === 'EscalateAutomatically')
    return escalateAutomatically(command, state, at, recipientFor);
  if (command.type === 'WarnOfEscalation') return warnOfEscalation(command, state, at);
  if (state.status === 'closed' && command.type !== 'ReopenIssue') {
    throw new StateConflictError(`issue ${state.issueId} is closed; only reopening is allowed`);
  }
  assertNotBefore('occurredAt', occurredAt, state.reportedAt);
  const issue = state;
  const ids = { issueId: issue.issueId };

  switch (command.type) {
    case 'ConveneMeeting': {
      const d = command.data;
      const meetingId = required('meetingId', d.meetingId);
      if (issue.meetingIds.includes(meetingId)) {
        throw new StateConflictError(
          `meeting ${meetingId} is already recorded on issue ${issue.issueId}; use a new meeting id`,
        );
      }
      assertBusinessTime('heldAt', d.heldAt, now);
      // No "not before the report" rule for heldAt: the joint inspection or site meeting that
      // found the problem is often held before the issue is written down.
      const attendees = (d.attendees ?? []).map((a) => required('attendees', a));
      if (attendees.length === 0) throw new InvalidCommandError('attendees', 'name at least one attendee');
      const decisions = (d.decisions ?? []).map((x) => x.trim()).filter((x) => x.length > 0);
      const data = {
        ...ids,
        meetingId,
        kind: d.kind,
        heldAt: d.heldAt.toISOString(),
        convenedBy: required('convenedBy', d.convenedBy),
        attendees,
        summary: optional(d.summary),
        decisions,
        occurredAt: at,
      };
      return [{ type: 'MeetingConvened', data }];
    }
    case 'AssignRemediation': {
      const d = command.data;
      const remediationId = required('remediationId', d.remediationId);
      if (issue.remediations[remediationId]) {
        throw new StateConflictError(
          `remediation item ${remediationId} already exists on issue ${issue.issueId}; use a new item id`,
        );
      }
      const responsibleUnit = required('responsibleUnit', d.responsibleUnit);
      const action = required('action', d.action);
      const assignedBy = required('assignedBy', d.assignedBy);
      assertDueTime('dueAt', d.dueAt, occurredAt, now);
      const data = {
        ...ids,
        remediationId,
        responsibleUnit,
        action,
        dueAt: d.dueAt.toISOString(),
        assignedBy,
        occurredAt: at,
      };
      return [{ type: 'RemediationAssigned', data }];
    }
    case 'CompleteRemediation': {
      const d = command.data;
      const remediationId = required('remediationId', d.remediationId);
      const item = itemOf(issue, remediationId);
      if (item.status === 'completed') {
        throw new StateConflictError(
          `remediation item ${remediationId} is already completed and awaits verification; verify or reject it instead`,
        );
      }
      if (item.status === 'verified') {
        throw new StateConflictError(
          `remediation item ${remediationId} is verified; a verified item cannot be completed again`,
        );
      }
      const data = {
        ...ids,
        remediationId,
        reportedBy: required('reportedBy', d.reportedBy),
        evidence: optional(d.evidence),
        occurredAt: at,
      };
      return [{ type: 'RemediationCompleted', data }];
    }
    case 'VerifyRemediation': {
      const d = command.data;
      const remediationId = required('remediationId', d.remediationId);
      const item = itemOf(issue, remediationId);
      if (item.status !== 'completed') {
        throw new StateConflictError(
          item.status === 'verified'
            ? `remediation item ${remediationId} is already verified`
            : `remediation item ${remediationId} is ${item.status}; it must be reported completed before it can be verified`,
        );
      }
      const data = {
        ...ids,
        remediationId,
        verifiedBy: required('verifiedBy', d.verifiedBy),
        comment: optional(d.comment),
        occurredAt: at,
      };
      return [d.accepted ? { type: 'RemediationVerified', data } : { type: 'RemediationRejected', data }];
    }
    case 'ExtendDeadline': {
      const d = command.data;
      const remediationId = required('remediationId', d.remediationId);
      const item = itemOf(issue, remediationId);
      if (item.status === 'verified') {
        throw new StateConflictError(
          `remediation item ${remediationId} is verified; its deadline can no longer change`,
        );
      }
      const reason = required('reason', d.reason);
      const approvedBy = required('approvedBy', d.approvedBy);
      if (!(d.newDueAt.getTime() > Date.parse(item.dueAt))) {
        throw new InvalidCommandError('newDueAt', `must be later than the current due time ${item.dueAt}`);
      }
      assertDueTime('newDueAt', d.newDueAt, new Date(item.dueAt), now);
      const data = {
        ...ids,
        remediationId,
        previousDueAt: item.dueAt,
        newDueAt: d.newDueAt.toISOString(),
        reason,
        approvedBy,
        occurredAt: at,
      };
      return [{ type: 'DeadlineExtended', data }];
    }
    case 'EscalateIssue': {
      if (issue.escalationLevel >= TOP_ESCALATION_LEVEL) {
        throw new StateConflictError(
          `issue ${issue.issueId} is already at the top of the ladder (level 3, bureau leadership)`,
        );
      }
      const level = (issue.escalationLevel + 1) as EscalationLevel;
      const by = required('by', command.data.by);
      const reason = required('reason', command.data.reason);
      const data = {
        ...ids,
        level,
        trigger: 'manual' as const,
        reason,
        by,
        remediationId: null,
        dueAt: null,
        escalatedTo: recipientFor(level),
        occurredAt: at,
      };
      return [{ type: 'IssueEscalated', data }];
    }
    case 'CloseIssue': {
      const d = command.data;
      const closedBy = required('closedBy', d.closedBy);
      const resolution = required('resolution', d.resolution);
      const unverified = Object.entries(issue.remediations)
        .filter(([, r]) => r.status !== 'verified')
        .map(([id]) => id);
      if (unverified.length > 0 && d.force !== true) {
        throw new StateConflictError(
          `issue ${issue.issueId} has unverified remediation items: ${unverified.join(', ')}; ` +
            'verify them first, or send force: true with the reason in resolution to close anyway',
        );
      }
      const data = { ...ids, closedBy, resolution, forced: unverified.length > 0, occurredAt: at };
      return [{ type: 'IssueClosed', data }];
    }
    case 'ReopenIssue': {
      if (issue.status !== 'closed') {
        throw new StateConflictError(
          `issue ${issue.issueId} is ${issue.status}, not closed; only a closed issue can be reopened`,
        );
      }
      const data = {
        ...ids,
        by: required('by', command.data.by),
        reason: required('reason', command.data.reason),
        occurredAt: at,
      };
      return [{ type: 'IssueReopened', data }];
    }
    default: {
      const unexpected: never = command;
      throw new InvalidCommandError('type', `unknown command ${JSON.stringify(unexpected)}`);
    }
  }
}

function report(command: C.ReportIssue, at: string): IssueEvent {
  const d = command.data;
  return {
    type: 'IssueReported',
    data: {
      issueId: required('issueId', d.issueId),
      title: required('title', d.title),
      description: optional(d.description),
      category: d.category,
      severity: d.severity,
      district: d.district,
      site: optional(d.site),
      source: d.source,
      reportedBy: required('reportedBy', d.reportedBy),
      occurredAt: at,
    },
  };
}

/**
 * Exactly once per level, and only while the cause still holds: a check that finds the item
 * done, its deadline moved, the first response given or the issue closed decides nothing.
 */
function escalateAutomatically(
  command: C.EscalateAutomatically,
  issue: ExistingIssue,
  at: string,
  recipientFor: (level: EscalationLevel) => EscalationRecipient | null,
): IssueEvent[] {
  const d = command.data;
  if (!stillPending(issue, d)) return [];
  if (issue.escalationLevel >= d.level) return [];
  const now = command.metadata.now;
  if (now.getTime() < d.firesAt.getTime())
    throw new NotYetDueError(`level ${d.level} of issue ${issue.issueId}`, d.firesAt, now);
  const event: IssueEscalated = {
    type: 'IssueEscalated',
    data: {
      issueId: issue.issueId,
      level: d.level,
      trigger: d.trigger,
      reason: d.trigger,
      by: 'system:escalation',
      remediationId: d.remediationId,
      dueAt: d.dueAt.toISOString(),
      escalatedTo: recipientFor(d.level),
      occurredAt: at,
    },
  };
  return [event];
}

/** Whether the deadline a check measures is still open: not met, not moved, not closed. */
function stillPending(
  issue: ExistingIssue,
  d: { trigger: string; remediationId: string | null; dueAt: Date },
): boolean {
  if (issue.status === 'closed') return false;
  if (d.trigger === 'no-response') return issue.firstResponseAt === null;
  if (d.remediationId === null) return false;
  const item = issue.remediations[d.remediationId];
  if (!item || !isOutstanding(item.status)) return false;
  return Date.parse(item.dueAt) === d.dueAt.getTime();
}

/**
 * The yellow light, once per deadline and only before the breach: after the due time the
 * escalation itself speaks, and a late warning would only be noise.
 */
function warnOfEscalation(command: C.WarnOfEscalation, issue: ExistingIssue, at: string): IssueEvent[] {
  const d = command.data;
  if (!stillPending(issue, d)) return [];
  if (issue.warned.includes(warningKey(d.remediationId, d.dueAt.toISOString()))) return [];
  if (issue.escalationLevel >= d.nextLevel) return [];
  const now = command.metadata.now;
  if (now.getTime() >= d.dueAt.getTime()) return [];
  if (now.getTime() < d.warnAt.getTime())
    throw new NotYetDueError(`the warning for issue ${issue.issueId}`, d.warnAt, now);
  const event: EscalationWarningIssued = {
    type: 'EscalationWarningIssued',
    data: {
      issueId: issue.issueId,
      remediationId: d.remediationId,
      trigger: d.trigger,
      dueAt: d.dueAt.toISOString(),
      nextLevel: d.nextLevel,
      escalatesAt: d.escalatesAt.toISOString(),
      share: d.share,
      occurredAt: at,
    },
  };
  return [event];
}

function itemOf(issue: ExistingIssue, remediationId: string): RemediationState {
  const item = issue.remediations[remediationId];
  if (!item)
    throw new NotFoundError(`remediation item ${remediationId} does not exist on issue ${issue.issueId}`);
  return item;
}

/** DTOs check these first; the domain checks again so no path can record a blank fact. */
function required(field: string, value: string | null | undefined): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed.length === 0) throw new InvalidCommandError(field, 'must not be blank');
  return trimmed;
}

function optional(value: string | null | undefined): string | null {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  return trimmed.length > 0 ? trimmed : null;
}
