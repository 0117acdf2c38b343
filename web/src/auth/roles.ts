import type { District, Role } from '../api/vocabulary';

/**
 * THE role table of the page: the engine's access policy (src/identity/access/access-policy.ts,
 * from shared/API-identity.md and the writers of API-reviews.md), action for action and cell
 * for cell (test/web/roles.unit.spec.ts holds the two together). It decides which views a role
 * sees and which actions it is offered; the engine decides every request on its own, so this
 * only keeps the page from offering what would be refused. Nothing else in web/ tells roles apart.
 */
export const ACTIONS = [
  // issue commands (API-identity.md, "Roles")
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
  // reads
  'issues.read',
  'audit.issues',
  'audit.identity',
  'groups.read',
  // the daily record and the reviews (API-reviews.md)
  'record.write',
  'record.read',
  'reviews.read',
  'review.draft',
  'review.appeal',
  'review.decide',
  'review.publish',
  // suspensions for force majeure (挂起): an issue or a district, the whole city; reading them
  'suspension.district',
  'suspension.city',
  'suspensions.read',
  // administration
  'users.manage',
  'keys.manage',
  'queues.operate',
  'escalation.reload',
  // one's own session
  'self',
] as const;
export type Action = (typeof ACTIONS)[number];

/** district: acts for one district and sees only it; city: the whole city; none: no issues at all. */
export type Scope = 'district' | 'city' | 'none';

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
/** The rankings are public to every signed-in principal (晾晒). */
const EVERYONE: readonly Action[] = ['groups.read', 'self'];
/** The bureau's roles read every group's record and the reviews; admin does not (they hold issues). */
const BUREAU_READS: readonly Action[] = ['record.read', 'reviews.read', 'suspensions.read'];

export const ROLE_TABLE: Readonly<Record<Role, { scope: Scope; may: readonly Action[] }>> = {
  'work-group': {
    scope: 'district',
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
      'record.write',
      'review.appeal',
      'suspension.district',
      ...BUREAU_READS,
      ...EVERYONE,
    ],
  },
  'district-bureau': {
    scope: 'district',
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
    may: [
      ...ISSUE_COMMANDS_BUT_FORCE,
      'issue.force-close',
      'issues.read',
      'audit.issues',
      'record.write',
      'review.draft',
      'review.decide',
      'review.publish',
      'suspension.district',
      'suspension.city',
      ...BUREAU_READS,
      ...EVERYONE,
    ],
  },
  supervisor: {
    scope: 'city',
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
    // Separation of duties: accounts, keys, queues and the escalation rules; the audit trail of users and keys.
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

export interface Actor {
  role: Role;
  district?: District | null;
}

/** May the principal take `action` (or, given several, any one of them)? */
export const may = (actor: Actor | null | undefined, action: Action | readonly Action[]): boolean => {
  const allowed = actor ? ROLE_TABLE[actor.role]?.may : undefined;
  if (!allowed) return false;
  return typeof action === 'string' ? allowed.includes(action) : action.some((a) => allowed.includes(a));
};

/** The audit trail opens for the roles that read the issues' trail or the identity trail. */
export const AUDIT_READS: readonly Action[] = ['audit.issues', 'audit.identity'];

export const scopeOf = (actor: Actor): Scope => ROLE_TABLE[actor.role]?.scope ?? 'none';

/** The one district a district-scoped principal acts for; null for the city-wide roles. */
export const ownDistrict = (actor: Actor): District | null =>
  scopeOf(actor) === 'district' ? (actor.district ?? null) : null;

/** May this principal act on (or write the record of) something in `district`? */
export const actsFor = (actor: Actor, district: string): boolean => {
  const own = ownDistrict(actor);
  return scopeOf(actor) === 'city' || (own !== null && own === district);
};
