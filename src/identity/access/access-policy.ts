/**
 * THE access policy (shared/API-identity.md, "Roles", and the writers of API-reviews.md): which
 * role may do what, and over which scope. It is data, read by one guard that every route passes
 * (see `access.guard.ts`), by the read-side filters (`read-scope.ts`) and by the access-matrix
 * spec, which is generated from it. Nothing else in the engine decides who may do what.
 */
export const ROLES = [
  'work-group',
  'district-bureau',
  'division',
  'leadership',
  'supervisor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a route does, as the policy names it. Issue, record and review commands are per
 * command; reads are per thing read; `self` is what every signed-in principal may do to its
 * own session.
 */
export const ACTIONS = [
  'issue.report',
  'issue.convene',
  'issue.assign',
  'issue.complete',
  'issue.verify',
  'issue.extend',
  'issue.request-extension',
  'issue.decide-extension',
  'issue.escalate',
  'issue.close',
  'issue.force-close',
  'issue.reopen',
  'issues.read',
  'audit.issues',
  'audit.identity',
  'groups.read',
  'record.write',
  'record.read',
  'reviews.read',
  'review.draft',
  'review.appeal',
  'review.decide',
  'review.publish',
  'suspension.district',
  'suspension.city',
  'suspensions.read',
  'users.manage',
  'keys.manage',
  'queues.operate',
  'escalation.reload',
  'self',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * `district`: the role acts for one district and sees only it; `city`: the whole city;
 * `none`: the role has no business with issues at all (admin: separation of duties).
 */
export type Scope = 'district' | 'city' | 'none';

export interface RolePolicy {
  scope: Scope;
  /** What the role is called in refusals. */
  title: string;
  may: readonly Action[];
}

const ISSUE_COMMANDS_BUT_FORCE: readonly Action[] = [
  'issue.report',
  'issue.convene',
  'issue.assign',
  'issue.complete',
  'issue.verify',
  'issue.extend',
  'issue.request-extension',
  'issue.decide-extension',
  'issue.escalate',
  'issue.close',
  'issue.reopen',
];
const EVERYONE: readonly Action[] = ['groups.read', 'self'];
/**
 * The bureau's own roles read every group's daily record and the reviews (public inside the
 * bureau, 晾晒); admin does not: the record links issues and the review workbooks list them,
 * and admin reads no issue (separation of duties).
 */
const BUREAU_READS: readonly Action[] = ['record.read', 'reviews.read', 'suspensions.read'];

export const POLICY: Readonly<Record<Role, RolePolicy>> = {
  'work-group': {
    scope: 'district',
    title: '驻区工作组',
    may: [
      'issue.report',
      'issue.convene',
      'issue.assign',
      'issue.verify',
      'issue.extend',
      'issue.request-extension',
      'issue.decide-extension',
      'issue.escalate',
      'issue.close',
      'issue.reopen',
      'issues.read',
      'audit.issues',
      // Its own group's record, and appeals of its own district's ranking.
      'record.write',
      'review.appeal',
      // Suspends (挂起) an issue or the whole of its own district for force majeure.
      'suspension.district',
      ...BUREAU_READS,
      ...EVERYONE,
    ],
  },
  'district-bureau': {
    scope: 'district',
    title: '区建设局',
    may: [
      'issue.report',
      'issue.convene',
      'issue.complete',
      // It asks for more time on its district's items; an approver of the policy decides.
      'issue.request-extension',
      'issues.read',
      'audit.issues',
      ...BUREAU_READS,
      ...EVERYONE,
    ],
  },
  division: {
    scope: 'city',
    title: '市局处室',
    may: [
      ...ISSUE_COMMANDS_BUT_FORCE,
      'issues.read',
      'audit.issues',
      'record.write',
      'review.draft',
      'suspension.district',
      ...BUREAU_READS,
      ...EVERYONE,
    ],
  },
  leadership: {
    scope: 'city',
    title: '局领导',
    may: [
      ...ISSUE_COMMANDS_BUT_FORCE,
      'issue.force-close',
      'issues.read',
      'audit.issues',
      'record.write',
      'review.draft',
      'review.decide',
      'review.publish',
      // Only the bureau's leadership stops every deadline of the city.
      'suspension.district',
      'suspension.city',
      ...BUREAU_READS,
      ...EVERYONE,
    ],
  },
  supervisor: {
    scope: 'city',
    title: '督查/纪检',
    may: [
      'issues.read',
      'audit.issues',
      'audit.identity',
      'review.draft',
      'review.decide',
      ...BUREAU_READS,
      ...EVERYONE,
    ],
  },
  admin: {
    scope: 'none',
    title: '系统管理员',
    may: [
      'users.manage',
      'keys.manage',
      'queues.operate',
      'escalation.reload',
      'audit.identity',
      ...EVERYONE,
    ],
  },
};

/** How refusals name each action: `role district-bureau may not close issues`. */
export const ACTION_PHRASES: Readonly<Record<Action, string>> = {
  'issue.report': 'report issues',
  'issue.convene': 'convene meetings',
  'issue.assign': 'assign remediation items',
  'issue.complete': 'report remediation items complete',
  'issue.verify': 'verify or reject remediation items',
  'issue.extend': 'extend deadlines',
  'issue.request-extension': 'request extensions of deadlines',
  'issue.decide-extension': 'approve or refuse extension requests',
  'issue.escalate': 'escalate issues',
  'issue.close': 'close issues',
  'issue.force-close': 'close issues by force',
  'issue.reopen': 'reopen issues',
  'issues.read': 'read issues',
  'audit.issues': 'read the audit trail of issues',
  'audit.identity': 'read the audit trail of users and keys',
  'groups.read': 'read the group rankings',
  'record.write': "write a work group's daily record",
  'record.read': "read the work groups' daily record",
  'reviews.read': 'read the reviews',
  'review.draft': 'draft reviews',
  'review.appeal': 'appeal against a review',
  'review.decide': 'decide appeals',
  'review.publish': 'publish reviews',
  'suspension.district': 'suspend the deadlines of an issue or a district',
  'suspension.city': 'suspend the deadlines of the whole city',
  'suspensions.read': 'read the suspensions',
  'users.manage': 'manage users',
  'keys.manage': 'manage API keys',
  'queues.operate': 'operate the escalation queues',
  'escalation.reload': 'reload the escalation policy and calendar',
  self: 'use its own session',
};

/** Actions whose target is one issue in one district (commands and single reads). */
export const ISSUE_ACTIONS: readonly Action[] = [
  ...ISSUE_COMMANDS_BUT_FORCE,
  'issue.force-close',
  'issues.read',
];

/**
 * Actions bound to one district: a district role takes them only in its own. The issue
 * actions (the issue's district, or the new issue's), writing a group's record (the route's
 * `:district`), filing an appeal (the appealing district named in the body) and suspending an
 * issue or a district (the one the body names).
 */
export const DISTRICT_BOUND_ACTIONS: readonly Action[] = [
  ...ISSUE_ACTIONS,
  'record.write',
  'review.appeal',
  'suspension.district',
];

/**
 * How a refusal names a district-bound action done for another district:
 * `user siming-group acts for siming; it may not write the record of huli`.
 */
export const FOR_ANOTHER_DISTRICT: Readonly<Partial<Record<Action, string>>> = {
  'issue.report': 'report an issue in',
  'record.write': 'write the record of',
  'review.appeal': 'appeal for',
  'suspension.district': 'suspend the deadlines of',
};

/** The roles that act for one district and must name it; the others must not. */
export const DISTRICT_ROLES: readonly Role[] = ROLES.filter((role) => POLICY[role].scope === 'district');

export const isDistrictRole = (role: Role): boolean => POLICY[role].scope === 'district';

export const may = (role: Role, action: Action): boolean => POLICY[role].may.includes(action);
