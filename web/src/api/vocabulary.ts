/**
 * The closed vocabularies of the HTTP contract (shared/API.md, API-reviews.md), as the page
 * offers them in its filters and forms. A unit test checks they match the engine's own lists
 * and that every value has a label in each language.
 */
export const DISTRICTS = ['siming', 'huli', 'jimei', 'haicang', 'tongan', 'xiangan'] as const;
export type District = (typeof DISTRICTS)[number];

export const CATEGORIES = [
  'on-site-rectification',
  'key-project',
  'safety-emergency',
  'petition-complaint',
  'technical-difficulty',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SOURCES = ['inspection', 'petition', 'referral', 'self-report'] as const;
export type Source = (typeof SOURCES)[number];

export const MEETING_KINDS = [
  'site-coordination',
  'summons',
  'expert-consultation',
  'joint-inspection',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const ISSUE_STATUSES = ['open', 'in-progress', 'awaiting-verification', 'closed'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

export const REMEDIATION_STATUSES = ['assigned', 'completed', 'verified', 'rejected'] as const;
export type RemediationStatus = (typeof REMEDIATION_STATUSES)[number];

export const LIGHTS = ['red', 'yellow', 'green'] as const;
export type Light = (typeof LIGHTS)[number];

/** 1 district bureau, 2 city division, 3 bureau leadership. */
export const ESCALATION_LEVELS = [1, 2, 3] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export const ESCALATION_TRIGGERS = ['overdue', 'no-response', 'manual'] as const;
export type EscalationTrigger = (typeof ESCALATION_TRIGGERS)[number];

export const ROLES = [
  'work-group',
  'district-bureau',
  'division',
  'leadership',
  'supervisor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ACTIVITY_KINDS = [
  'on-site',
  'training',
  'on-site-teaching',
  'seminar',
  'technical-guidance',
  'expert-consultation',
  'joint-inspection',
  'surprise-inspection',
  'knowledge-contest',
  'exchange',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const PRACTICE_DIRECTIONS = ['adopted-from-city', 'promoted-to-city'] as const;
export type PracticeDirection = (typeof PRACTICE_DIRECTIONS)[number];

export const REVIEW_STATUSES = ['draft', 'published'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** The event types an issue's history and the audit trail may hold. */
export const ISSUE_EVENT_TYPES = [
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
] as const;
export type IssueEventType = (typeof ISSUE_EVENT_TYPES)[number];
