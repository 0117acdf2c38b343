import type { District } from '../../issues/domain/vocabulary';
import type { Principal } from '../auth/principal';
import {
  ACTION_PHRASES,
  DISTRICT_BOUND_ACTIONS,
  FOR_ANOTHER_DISTRICT,
  may,
  POLICY,
  type Action,
} from './access-policy';

/** What a request acts on, as far as the district check is concerned. */
export type Target =
  | { kind: 'none' }
  /** `district` null: no such issue (the route answers 404 itself). */
  | { kind: 'issue'; issueId: string; district: District | null }
  /**
   * A district the request names: the new issue's, the group whose record is written, the
   * appealing district. Raw from the request: a value that is no district is refused by
   * validation (or the route's 404) when the principal may act anywhere.
   */
  | { kind: 'district'; district: unknown };

export type Decision =
  | { allowed: true }
  /** 403 names the rule; 404 hides an issue outside the reader's district. */
  | { allowed: false; status: 403 | 404; message: string };

const who = (principal: Principal): string =>
  principal.kind === 'user' ? `user ${principal.id}` : `API key ${principal.id} (${principal.displayName})`;

/**
 * The policy applied to one request: may the role do the action at all, and is the target in
 * its district. Pure: the guard gathers the facts (principal, action, target) and acts on the
 * answer.
 */
export function authorize(
  principal: Principal,
  action: Action,
  target: Target,
  unknownIssue: (issueId: string) => string,
): Decision {
  if (!may(principal.role, action)) {
    return {
      allowed: false,
      status: 403,
      message: `role ${principal.role} may not ${ACTION_PHRASES[action]}`,
    };
  }
  if (POLICY[principal.role].scope !== 'district' || !DISTRICT_BOUND_ACTIONS.includes(action))
    return { allowed: true };
  const own = principal.district;
  if (target.kind === 'district') {
    // A district that is not a string is the validation pipe's to refuse, with every other bad field.
    if (typeof target.district === 'string' && target.district !== own) {
      const what = FOR_ANOTHER_DISTRICT[action] ?? `${ACTION_PHRASES[action]} for`;
      return {
        allowed: false,
        status: 403,
        message: `${who(principal)} acts for ${own}; it may not ${what} ${target.district.slice(0, 100)}`,
      };
    }
    return { allowed: true };
  }
  if (target.kind === 'issue' && target.district !== null && target.district !== own) {
    // Reading an issue of another district answers exactly as an unknown issue does.
    if (action === 'issues.read')
      return { allowed: false, status: 404, message: unknownIssue(target.issueId) };
    return {
      allowed: false,
      status: 403,
      message: `${who(principal)} acts for ${own}; issue ${target.issueId} is in ${target.district}`,
    };
  }
  return { allowed: true };
}
