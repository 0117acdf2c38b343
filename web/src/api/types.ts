import type {
  ActivityKind,
  Category,
  District,
  EscalationLevel,
  EscalationTrigger,
  IssueStatus,
  Light,
  MeetingKind,
  PracticeDirection,
  RemediationStatus,
  ReviewStatus,
  Role,
  Severity,
  Source,
} from './vocabulary';

/** The answer shapes of the HTTP contract (shared/API*.md) the page reads. */

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** What every command answers (201). */
export interface CommandAnswer {
  issueId?: string;
  revision: number;
  position: number;
  [createdId: string]: unknown;
}

// --- identity (API-identity.md) ---
export interface Principal {
  username: string;
  displayName: string;
  role: Role;
  district?: District | null;
}

export interface LoginAnswer {
  accessToken: string;
  tokenType: 'Bearer';
  expiresAt: string;
  user: Principal;
}

export interface UserRecord extends Principal {
  disabled?: boolean;
  createdAt?: string;
  lockedUntil?: string | null;
}

export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  district?: District | null;
  createdAt?: string;
  revokedAt?: string | null;
}

// --- issues (API.md) ---
export interface EscalationRecipient {
  body: 'district-bureau' | 'city-division' | 'bureau-leadership';
  unit: string;
  name: string;
  title: string;
}

export interface EscalationEntry {
  level: number;
  trigger: EscalationTrigger;
  reason: string;
  by: string;
  remediationId: string | null;
  dueAt: string | null;
  escalatedTo: EscalationRecipient | null;
  occurredAt: string;
}

export interface WarningEntry {
  remediationId: string | null;
  trigger: 'overdue' | 'no-response';
  dueAt: string;
  nextLevel: EscalationLevel;
  escalatesAt: string;
  share: number;
  occurredAt: string;
}

export interface MeetingEntry {
  meetingId: string;
  kind: MeetingKind;
  heldAt: string;
  convenedBy: string;
  attendees: string[];
  summary: string | null;
  decisions: string[];
}

export interface ExtensionEntry {
  previousDueAt: string;
  newDueAt: string;
  reason: string;
  approvedBy: string;
  occurredAt: string;
}

/** An extension request and, once decided, its decision (GET /issues/:id). */
export interface ExtensionRequestEntry {
  requestId: string;
  status: 'pending' | 'approved' | 'refused';
  currentDueAt: string;
  newDueAt: string;
  reason: string;
  requestedBy: string;
  requestedByActor: string;
  requestedByRole: string;
  requestedAt: string;
  rule: string | null;
  decidedBy: string | null;
  decidedByRole: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

/** The policy's extension rule for the issue's category × severity, as the engine enforces it. */
export interface ExtensionRuleView {
  entry: string;
  maxExtensions: number;
  maxLength: string;
  approvedBy: Role;
  approvers: Role[];
  requesterMayApprove: boolean;
  basis: string | null;
}

export interface RemediationView {
  remediationId: string;
  responsibleUnit: string;
  action: string;
  assignedBy: string;
  assignedAt: string;
  dueAt: string;
  status: RemediationStatus;
  completedAt: string | null;
  verifiedAt: string | null;
  evidence: string | null;
  comment: string | null;
  extensions: ExtensionEntry[];
  /** Absent in the as-of state of the engine before requests existed. */
  extensionRequests?: ExtensionRequestEntry[];
  /** The live view only: extensions against the rule's cap (null: no rule), the requests waiting. */
  extensionCount?: number;
  maxExtensions?: number | null;
  pendingExtensionRequests?: ExtensionRequestEntry[];
  overdue: boolean;
  warned?: boolean;
}

export interface NextEscalation {
  level: EscalationLevel;
  trigger: 'overdue' | 'no-response';
  remediationId: string | null;
  dueAt: string;
  /** That deadline as a suspension (挂起) moved it, when one did. */
  suspendedDueAt?: string;
  at: string;
  goesTo: EscalationRecipient | null;
  warningAt: string | null;
  /** The escalation policy and working calendar versions these times are counted by. */
  policyVersion?: string | null;
  calendarVersion?: string | null;
  /** Set when the latest change of the rules moved this time. */
  moved?: MovedByChange | null;
}

/** How the latest change of the policy or the calendar moved the next escalation. */
export interface MovedByChange {
  /** When the versions before the change fired it; null when they could not place it. */
  from: string | null;
  by: Array<'policy' | 'calendar'>;
  previousPolicyVersion: string;
  previousCalendarVersion: string;
  installedAt: string | null;
  installedBy: string | null;
}

/** A suspension (挂起, force majeure) over an issue: in force now, or approved and coming. */
export interface SuspendedNote {
  suspensionId: string;
  from: string;
  until: string;
  reason: string;
  scope: 'issue' | 'district' | 'city';
}

/** A deadline a suspension moved: from its own due time to when it now falls due. */
export interface MovedDeadline {
  remediationId: string | null;
  dueAt: string;
  movedTo: string;
}

export interface IssueView {
  id: string;
  title: string;
  description: string | null;
  category: Category;
  severity: Severity;
  district: District;
  site: string | null;
  source: Source;
  reportedBy: string;
  status: IssueStatus;
  escalationLevel: number;
  escalations: EscalationEntry[];
  warnings: WarningEntry[];
  overdue: boolean;
  light: Light;
  nextDueAt: string | null;
  reportedAt: string;
  firstResponseAt: string | null;
  closedAt: string | null;
  meetings: MeetingEntry[];
  remediations: RemediationView[];
  revision: number;
  position?: number;
  /** GET /issues/:id only. */
  nextEscalation?: NextEscalation | null;
  /** The board's rows and GET /issues/:id: the suspension holding the issue now, or the next one. */
  suspended?: SuspendedNote | null;
  /** GET /issues/:id only: the deadlines suspensions moved. */
  movedDeadlines?: MovedDeadline[];
  cannotSchedule?: string[];
  /** The live view only: the extension rule in force; null when the policy states none. */
  extensionRule?: ExtensionRuleView | null;
}

export interface IssueCounts {
  open: number;
  dueSoon: number;
  overdue: number;
  escalated: { level1: number; level2: number; level3: number };
  asOf?: string;
}

/** One event of GET /issues/:id/history and GET /audit. */
export interface HistoryItem {
  position: number;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  occurredAt: string;
  recordedAt: string;
  actor: string;
  actorRole?: Role | null;
  actorDistrict?: District | null;
  correlationId: string;
  causationId: string | null;
  issueId?: string;
  streamId?: string;
}

// --- groups (API.md, API-reviews.md) ---
export interface Leader {
  name: string;
  title: string;
}

export interface WorkGroup {
  district: District;
  name: string;
  nameEn: string;
  districtBureau: string;
  leadership: {
    bureauLeader: Leader;
    divisionHead: Leader;
    workGroup: { name: string; lead: string; members: number };
  };
}

export interface PerformanceRow {
  district: District;
  group?: string;
  period: string;
  reported: number;
  closed: number;
  closedOnTime: number;
  onTimeRate: number | null;
  medianHoursToClose: number | null;
  openOverdue: number;
  escalations: { level1: number; level2: number; level3: number };
  meetings: number;
  rank: number;
  // API-reviews.md additions:
  onSiteDays?: number;
  onSiteTarget?: number;
  weeks?: number;
  weeksOnTarget?: number;
  activities?: Partial<Record<ActivityKind, number>>;
  participants?: number;
  practicesAdopted?: number;
  practicesPromoted?: number;
  difficultiesResolved?: number;
  score?: number;
  scoreParts?: Record<string, number>;
}

export interface ScoringFormula {
  version?: string | number;
  weights?: Record<string, number>;
  [more: string]: unknown;
}

export interface Performance {
  period: string;
  asOf?: string;
  formula?: ScoringFormula;
  rows: PerformanceRow[];
}

export interface RecordEntry {
  entryId: string;
  district?: District;
  kind: ActivityKind;
  date: string;
  days?: number | null;
  site?: string | null;
  topic?: string | null;
  participants?: number | null;
  members?: string[];
  summary?: string | null;
  issueIds?: string[];
  recordedBy?: string;
  recordedAt?: string;
  withdrawn?: boolean;
  status?: string;
  corrections?: unknown[];
}

export interface PracticeEntry {
  practiceId: string;
  direction: PracticeDirection;
  title: string;
  date: string;
  summary?: string | null;
}

// --- reviews (API-reviews.md) ---
export interface AppealDecision {
  upheld: boolean;
  comment: string;
  adjustments?: Adjustment[];
  decidedBy?: string;
  decidedAt?: string;
}

export interface Adjustment {
  district: District;
  measure: string;
  delta: number;
}

export interface Appeal {
  appealId: string;
  district: District;
  reason: string;
  items?: Array<{ issueId: string; claim: string }>;
  filedBy?: string;
  filedAt?: string;
  decision?: AppealDecision | null;
  /** Flattened decision fields, if the engine answers them that way. */
  upheld?: boolean;
  comment?: string;
  decidedBy?: string;
  decidedAt?: string;
}

export interface Review {
  reviewId: string;
  id?: string;
  period: string;
  title?: string | null;
  status: ReviewStatus;
  rows?: PerformanceRow[];
  formula?: ScoringFormula;
  appeals?: Appeal[];
  adjustments?: Adjustment[];
  draftedBy?: string;
  draftedAt?: string;
  publishedBy?: string | null;
  publishedAt?: string | null;
  position?: number;
}
