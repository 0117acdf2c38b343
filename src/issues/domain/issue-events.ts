import type {
  Category,
  District,
  EscalationLevel,
  AutomaticTrigger,
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

/**
 * More time asked for on an item (the request/approve flow of the policy's extension rules).
 * The requester is the signed-in principal: `requestedByActor` tells them from the approver.
 */
export type ExtensionRequested = {
  type: 'ExtensionRequested';
  data: {
    issueId: string;
    remediationId: string;
    requestId: string;
    /** The item's due time when asked, and the one asked for. */
    currentDueAt: string;
    newDueAt: string;
    reason: string;
    requestedBy: string;
    requestedByActor: string;
    requestedByRole: string;
    /** The policy rule it was asked under, e.g. `extensions.petition-complaint.*`; null for none. */
    rule: string | null;
    occurredAt: string;
  };
};

/** A request granted; the `DeadlineExtended` that moves the due time follows in the same append. */
export type ExtensionApproved = {
  type: 'ExtensionApproved';
  data: {
    issueId: string;
    remediationId: string;
    requestId: string;
    approvedBy: string;
    approvedByActor: string;
    approvedByRole: string;
    comment: string | null;
    occurredAt: string;
  };
};

/** A request turned down: the item keeps its due time, and may be asked again. */
export type ExtensionRefused = {
  type: 'ExtensionRefused';
  data: {
    issueId: string;
    remediationId: string;
    requestId: string;
    refusedBy: string;
    refusedByActor: string;
    refusedByRole: string;
    reason: string;
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
    /**
     * Who the level goes to, from the district work group's 1+1+1 leadership (schema v2);
     * null where the roster had nobody for it, and for events written before v2.
     */
    escalatedTo: EscalationRecipient | null;
    /**
     * The escalation policy and working-day calendar versions that timed an automatic level
     * (schema v3; see the `system-config` stream); null for manual escalation and events before v3.
     */
    policyVersion?: string | null;
    calendarVersion?: string | null;
    occurredAt: string;
  };
};

/** The person and body an escalation level goes to. */
export type EscalationRecipient = {
  /** 1 district bureau, 2 city division, 3 bureau leadership. */
  body: 'district-bureau' | 'city-division' | 'bureau-leadership';
  /** The unit or office, e.g. 思明区建设局. */
  unit: string;
  name: string;
  title: string;
};

/**
 * The yellow light: a deadline has used up the policy's share (e.g. 75%) of its allowed time
 * and will be escalated at `escalatesAt` unless the work is done first.
 */
export type EscalationWarningIssued = {
  type: 'EscalationWarningIssued';
  data: {
    issueId: string;
    /** The item whose due time is near; null for the first-response deadline. */
    remediationId: string | null;
    /** What will be escalated if nothing happens: an overdue item or no first response. */
    trigger: AutomaticTrigger;
    /** The deadline being warned about. */
    dueAt: string;
    /** The escalation level that follows, and when the policy fires it. */
    nextLevel: EscalationLevel;
    escalatesAt: string;
    /** The share of the allowed time used when the warning was due, e.g. 0.75. */
    share: number;
    /** The policy and calendar versions that timed it (schema v2); null for events before v2. */
    policyVersion?: string | null;
    calendarVersion?: string | null;
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
  | ExtensionRequested
  | ExtensionApproved
  | ExtensionRefused
  | IssueEscalated
  | EscalationWarningIssued
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
  'ExtensionRequested',
  'ExtensionApproved',
  'ExtensionRefused',
  'IssueEscalated',
  'EscalationWarningIssued',
  'IssueClosed',
  'IssueReopened',
];

/**
 * The schema version each event type is written at today. A type's version moves only when
 * its shape changes, with an upcaster from the previous version in `issue-upcasters.ts`.
 */
export const SCHEMA_VERSIONS: Readonly<Record<IssueEventType, number>> = {
  IssueReported: 1,
  MeetingConvened: 1,
  RemediationAssigned: 1,
  RemediationCompleted: 1,
  RemediationVerified: 1,
  RemediationRejected: 1,
  DeadlineExtended: 1,
  ExtensionRequested: 1,
  ExtensionApproved: 1,
  ExtensionRefused: 1,
  // v2 added `escalatedTo`; v3 `policyVersion` and `calendarVersion`.
  IssueEscalated: 3,
  // v2 added `policyVersion` and `calendarVersion`.
  EscalationWarningIssued: 2,
  IssueClosed: 1,
  IssueReopened: 1,
};

/** Today's schema version of an event type; types this build does not know count as 1. */
export const schemaVersionOf = (type: string): number =>
  (SCHEMA_VERSIONS as Record<string, number>)[type] ?? 1;

/** One event stream per issue. */
export const issueStreamId = (issueId: string): string => `issue-${issueId}`;
