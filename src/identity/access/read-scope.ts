import type { Filter } from '../../ports/read-store';
import type { Principal } from '../auth/principal';
import { may, POLICY } from './access-policy';

/**
 * The read side of the policy, as filters every list query adds to its own: a reader only
 * ever gets what it may see, filtered in the query (so pages are full and cursors honest),
 * never after it.
 */

/** The board (GET /issues): a district role sees its district, the city roles everything. */
export function boardScope(principal: Principal): Filter[] {
  return POLICY[principal.role].scope === 'district'
    ? [{ field: 'district', op: '=', value: principal.district ?? '' }]
    : [];
}

/**
 * The board's scope as a test of one issue's district, for what is told rather than queried
 * (the live stream): the same rule as `boardScope`, for the roles that read issues at all.
 */
export function inBoardScope(principal: Principal, district: string | null): boolean {
  if (!may(principal.role, 'issues.read')) return false;
  return (
    POLICY[principal.role].scope !== 'district' || (district !== null && district === principal.district)
  );
}

/** Where an audit entry belongs: identity entries carry `area: 'identity'`, issue entries no area. */
export const IDENTITY_AREA = 'identity';

/**
 * The audit trail (GET /audit): issue entries for the roles that read them (district roles
 * their district's only), identity entries (users, keys, sign-ins) for admin and supervisor.
 * Issue entries carry no `area`, so entries projected before identity existed count as issues.
 */
export function auditScope(principal: Principal): Filter[] {
  const issues = may(principal.role, 'audit.issues');
  const identity = may(principal.role, 'audit.identity');
  const district = POLICY[principal.role].scope === 'district';
  if (issues && identity && !district) return [];
  if (identity && !issues) return [{ field: 'area', op: '=', value: IDENTITY_AREA }];
  if (!issues) return [{ field: 'area', op: '=', value: '(none)' }];
  // The policy gives no district role the identity trail; if it ever did, it would not show here.
  return [
    { field: 'area', op: 'is-null' },
    ...(district ? [{ field: 'district', op: '=', value: principal.district ?? '' } as Filter] : []),
  ];
}
