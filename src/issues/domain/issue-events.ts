import type {
  Category,
  District,
  EscalationLevel,
  EscalationTrigger,
  MeetingKind,
  Severity,
  Source,
} from './vocabulary';

/**
 * The Issue aggregate's events: plain `{ type, data }` facts, past tense. Every event carries
 * its business time as `occurredAt` (ISO-8601) so the pure `evolve` needs no envelope. A
 * changed event gets a new schema version and an upcaster (see `issue-upcasters.ts`), never an
 * edit of the shape below.
 */
export type IssueReported = {
  type: 'IssueReported';
  data: {
    issueId: string;
    title: string;
    description: string | null;
    category: Category;
    severity: Severity;
    district: District;
    site: string | null;
    source: Source;
    reportedBy: string;
    occurredAt: string;
  };
};

export type MeetingConvened = {
  type: 'MeetingConvened';
  data: {
    issueId: string;
    meetingId: string;
    kind: MeetingKind;
    heldAt: string;
    convenedBy: string;
    attendees: string[];
    summary: string | null;
    decisions: string[];
    occurredAt: string;
  };
};

export type RemediationAssigned = {
  type: 'RemediationAssigned';
  data: {
    issueId: string;
    remediationId: string;
    responsibleUnit: string;
    action: string;
    dueAt: string;
    assignedBy: string;
    occurredAt: string;
  };
};

export type RemediationCompleted = {
  type: 'RemediationCompleted';
  data: {
    issueId: string;
    remediationId: string;
    reportedBy: string;
    evidence: string | null;
    occurredAt: string;
  };
};

export type RemediationVerified = {
  type: 'RemediationVerified';
  data: {
    issueId: string;
    remediationId: string;
    verifiedBy: string;
    comment: string | null;
    occurredAt: string;
  };
};

/** Verification refused the work: the item goes back to the responsible unit. */
export type RemediationRejected = {
  type: 'RemediationRejected';
  data: {
    issueId: string;
    remediationId: string;
    verifiedBy: string;
    comment: string | null;
    occurredAt: string;
  };
};

export type DeadlineExtended = {
  type: 'DeadlineExtended';
  data: {
    issueId: string;
    remediationId: string;
    previousDueAt: string;
    newDueAt: string;
    reason: string;
    approvedBy: string;
    occurredAt: string;
  };
};

export type IssueEscalated = {
  type: 'IssueEscalated';
  data: {
    issueId: string;
    level: EscalationLevel;
    /** `overdue` / `no-response` for automatic escalation, `manual` when raised by hand. */
    trigger: EscalationTrigger;
    /** For automatic escalation the trigger itself; for manual, the person's reason. */
    reason: string;
    /** Who raised it: a person for manual escalation, `system:escalation` otherwise. */
    by: string;
    /** The remediation item it concerns, where there is one. */
    remediationId: string | null;
    /** The due time the automatic check measured against. */
    dueAt: string | null;
    occurredAt: string;
  };
};

export type IssueClosed = {
  type: 'IssueClosed';
  data: {
    issueId: string;
    closedBy: string;
    resolution: string;
    /** Closed although not every remediation item was verified. */
    forced: boolean;
    occurredAt: string;
  };
};

export type IssueReopened = {
  type: 'IssueReopened';
  data: {
    issueId: string;
    by: string;
    reason: string;
    occurredAt: string;
  };
};

export type IssueEvent =
  | IssueReported
  | MeetingConvened
  | RemediationAssigned
  | RemediationCompleted
  | RemediationVerified
  | RemediationRejected
  | DeadlineExtended
  | IssueEscalated
  | IssueClosed
  | IssueReopened;

export type IssueEventType = IssueEvent['type'];

export const ISSUE_EVENT_TYPES: readonly IssueEventType[] = [
  'IssueReported',
  'MeetingConvened',
  'RemediationAssigned',
  'RemediationCompleted',
  'RemediationVerified',
  'RemediationRejected',
  'DeadlineExtended',
  'IssueEscalated',
  'IssueClosed',
  'IssueReopened',
];

/** The schema version every event type is written at today. */
export const CURRENT_SCHEMA_VERSION = 1;

/** One event stream per issue. */
export const issueStreamId = (issueId: string): string => `issue-${issueId}`;
