import type { Action } from '../../identity/access/access-policy';
import type { RuleRequest } from '../../identity/access/access.decorator';

/** The policy's action for suspending a scope: the city's is `suspension.city`, an issue's or a district's `suspension.district`. */
export const approveActionOf = (scope: unknown): Action =>
  scope === 'city' ? 'suspension.city' : 'suspension.district';

/** The action of POST /suspensions, told from the body's scope. */
export const approveAction = (request: RuleRequest): Action =>
  approveActionOf((request.body as { scope?: unknown } | null)?.scope);

/**
 * The route-level action of lifting: the roles that suspend anything at all; the route then
 * applies the action of the suspension's own scope (it knows it only once it has read it).
 */
export const liftAction: Action = 'suspension.district';
