/**
 * The closed vocabularies of the domain, as the HTTP contract (shared/API.md) spells them.
 * Arrays (not just types) so DTO validation and docs can list the allowed values.
 */
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

export const DISTRICTS = ['siming', 'huli', 'jimei', 'haicang', 'tongan', 'xiangan'] as const;
export type District = (typeof DISTRICTS)[number];

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

/** 1 district bureau, 2 city division, 3 bureau leadership. */
export const ESCALATION_LEVELS = [1, 2, 3] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
export const TOP_ESCALATION_LEVEL: EscalationLevel = 3;

/** Why an escalation was raised: automatically (overdue, no-response) or by hand. */
export const ESCALATION_TRIGGERS = ['overdue', 'no-response', 'manual'] as const;
export type EscalationTrigger = (typeof ESCALATION_TRIGGERS)[number];

/** The triggers the escalation saga raises by itself. */
export const AUTOMATIC_TRIGGERS = ['overdue', 'no-response'] as const;
export type AutomaticTrigger = (typeof AUTOMATIC_TRIGGERS)[number];
