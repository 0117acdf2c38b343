import type { District, Role } from '../api/vocabulary';

/**
 * THE role table of shared/API-identity.md (and the writers named in API-reviews.md), as the
 * page uses it: which views a role sees and which actions it is offered. The engine decides
 * every request on its own; this only keeps the page from offering what would be refused.
 */
export const ACTIONS = [
  // issue commands (API-identity.md, "Roles")
  'issue.report',
  'issue.convene',
  'issue.assign',
  'issue.complete',
  'issue.verify',
  'issue.extend',
  'issue.escalate',
  'issue.close',
  'issue.force-close',
  'issue.reopen',
  // reads
  'issues.read',
  'audit.read',
  'groups.read',
  'reviews.read',
  // the daily record and the reviews (API-reviews.md)
  'record.write',
  'review.draft',
  'review.appeal',
  'review.decide',
  'review.publish',
  // administration
  'users.manage',
  'keys.manage',
  'queues.operate',
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
  'issue.escalate',
  'issue.close',
  'issue.reopen',
];
/** The rankings and the reviews are public inside the bureau (晾晒). */
const EVERYONE: readonly Action[] = ['groups.read', 'reviews.read'];

export const ROLE_TABLE: Readonly<Record<Role, { scope: Scope; may: readonly Action[] }>> = {
  'work-group': {
    scope: 'district',
    may: [
      'issue.report',
      'issue.convene',
      'issue.assign',
      'issue.verify',
      'issue.extend',
      'issue.escalate',
      'issue.close',
      'issue.reopen',
      'issues.read',
      'audit.read',
      'record.write',
      'review.appeal',
      ...EVERYONE,
    ],
  },
  'district-bureau': {
    scope: 'district',
    may: ['issue.report', 'issue.convene', 'issue.complete', 'issues.read', 'audit.read', ...EVERYONE],
  },
  division: {
    scope: 'city',
    may: [
      ...ISSUE_COMMANDS_BUT_FORCE,
      'issues.read',
      'audit.read',
      'record.write',
      'review.draft',
      ...EVERYONE,
    ],
  },
  leadership: {
    scope: 'city',
    may: [
      ...ISSUE_COMMANDS_BUT_FORCE,
      'issue.force-close',
      'issues.read',
      'audit.read',
      'record.write',
      'review.draft',
      'review.decide',
      'review.publish',
      ...EVERYONE,
    ],
  },
  supervisor: {
    scope: 'city',
    may: ['issues.read', 'audit.read', 'review.draft', 'review.decide', ...EVERYONE],
  },
  admin: {
    scope: 'none',
    // Separation of duties: accounts, keys and queues; the audit trail of users and keys.
    may: ['users.manage', 'keys.manage', 'queues.operate', 'audit.read', 'groups.read'],
  },
};

export interface Actor {
  role: Role;
  district?: District | null;
}

export const may = (actor: Actor | null | undefined, action: Action): boolean =>
  !!actor && (ROLE_TABLE[actor.role]?.may.includes(action) ?? false);

export const scopeOf = (actor: Actor): Scope => ROLE_TABLE[actor.role]?.scope ?? 'none';

/** The one district a district-scoped principal acts for; null for the city-wide roles. */
export const ownDistrict = (actor: Actor): District | null =>
  scopeOf(actor) === 'district' ? (actor.district ?? null) : null;

/** May this principal act on (or write the record of) something in `district`? */
export const actsFor = (actor: Actor, district: string): boolean => {
  const own = ownDistrict(actor);
  return scopeOf(actor) === 'city' || (own !== null && own === district);
};
