import type {
  Category,
  District,
  EscalationTrigger,
  IssueStatus,
  RemediationStatus,
  Severity,
  Source,
} from '../../src/issues/domain/vocabulary';
import { isOutstanding } from '../../src/issues/domain/deadlines';
import type {
  EscalationRecipient,
  EscalationWarningIssued,
  MeetingConvened,
} from '../../src/issues/domain/issue-events';

/** The shapes of the issue-status read model: what is stored, and what queries answer. */

export type EscalationEntry = {
  level: number;
  trigger: EscalationTrigger;
  reason: string;
  by: string;
  remediationId: string | null;
  dueAt: string | null;
  escalatedTo: EscalationRecipient | null;
  occurredAt: string;
};

/** A yellow light: a deadline that used up the policy's warning share of its allowed time. */
export type WarningEntry = Omit<EscalationWarningIssued['data'], 'issueId'>;

/** A meeting as the event recorded it, less what the issue already says. */
export type MeetingEntry = Omit<MeetingConvened['data'], 'issueId' | 'occurredAt'>;

export type ExtensionEntry = {
  previousDueAt: string;
  newDueAt: string;
  reason: string;
  approvedBy: string;
  occurredAt: string;
};

/** An extension request and, once decided, its decision (the request/approve flow). */
export type ExtensionRequestEntry = {
  requestId: string;
  status: 'pending' | 'approved' | 'refused';
  currentDueAt: string;
  newDueAt: string;
  reason: string;
  requestedBy: string;
  /** The requester's actor id: the page tells its own request from another's by it. */
  requestedByActor: string;
  requestedByRole: string;
  requestedAt: string;
  /** The policy rule it was asked under; null when the policy states none. */
  rule: string | null;
  decidedBy: string | null;
  decidedByRole: string | null;
  decidedAt: string | null;
  /** The approval's comment or the refusal's reason. */
  decisionNote: string | null;
};

export type RemediationEntry = {
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
  /** Every extension request, oldest first; absent in documents written before requests existed. */
  extensionRequests?: ExtensionRequestEntry[];
};

/** One issue as stored in the `issues` collection. */
export type IssueViewDoc = {
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
  /** Warnings issued, oldest first; absent in documents written before warnings existed. */
  warnings?: WarningEntry[];
  /**
   * A warning still stands (the yellow light, unless something is overdue); absent in
   * documents written before the board could filter by light (rebuild to fill it in).
   */
  warned?: boolean;
  /** Earliest due time among items still to be done (assigned or rejected); null if none. */
  nextDueAt: string | null;
  /**
   * nextDueAt while the issue is open, else a far-future sentinel: "overdue" is then just
   * `dueKey < now` and "not overdue" `dueKey >= now`, both single filters the store can index.
   */
  dueKey: string;
  reportedAt: string;
  firstResponseAt: string | null;
  closedAt: string | null;
  meetings: MeetingEntry[];
  remediations: RemediationEntry[];
  /** Stream revision of the last event applied. */
  revision: number;
  /** Global position of the last event applied. */
  position: number;
};

export type RemediationView = RemediationEntry & {
  overdue: boolean;
  warned: boolean;
  extensionRequests: ExtensionRequestEntry[];
};

/**
 * The board's traffic light, as the bureau uses it: red when something is overdue, yellow
 * when a warning stands for a deadline still ahead, green otherwise (and for closed issues).
 */
export type Light = 'green' | 'yellow' | 'red';

/** What GET /issues/:id answers: the stored doc with overdue flags computed for `now`. */
export type IssueView = Omit<IssueViewDoc, 'dueKey' | 'warned' | 'remediations' | 'warnings'> & {
  overdue: boolean;
  light: Light;
  warnings: WarningEntry[];
  remediations: RemediationView[];
};

export const NEVER_DUE = '9999-12-31T23:59:59.999Z';

/** Overdue is always computed against the clock at query time, never stored. */
export function toIssueView(doc: IssueViewDoc, now: Date): IssueView {
  const at = now.getTime();
  const { dueKey: _dueKey, warned: _warned, warnings = [], ...rest } = doc;
  const open = doc.status !== 'closed';
  const overdue = open && doc.nextDueAt !== null && Date.parse(doc.nextDueAt) < at;
  const standing = warnings.filter((w) => open && standsFor(doc, w));
  const remediations = doc.remediations.map((r) => ({
    ...r,
    extensionRequests: r.extensionRequests ?? [],
    overdue: isOutstanding(r.status) && Date.parse(r.dueAt) < at,
    warned: standing.some((w) => w.remediationId === r.remediationId),
  }));
  const light: Light = overdue ? 'red' : standing.length > 0 ? 'yellow' : 'green';
  return { ...rest, overdue, light, warnings, remediations };
}

/** A warning stands while its deadline is still the one to meet and it is not yet met. */
export function standsFor(doc: IssueViewDoc, warning: WarningEntry): boolean {
  if (warning.remediationId === null) return doc.firstResponseAt === null;
  const item = doc.remediations.find((r) => r.remediationId === warning.remediationId);
  return (
    item !== undefined && isOutstanding(item.status) && Date.parse(item.dueAt) === Date.parse(warning.dueAt)
  );
}
