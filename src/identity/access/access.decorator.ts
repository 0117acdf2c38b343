import { SetMetadata } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import type { Action } from './access-policy';

export const ACCESS_RULE = 'identity:access-rule';

/**
 * What a route's target is, for the district check: one issue (`:id` in the path), a new
 * issue (the district named in the body), a work group (`:district` in the path: its daily
 * record), an appeal (the appealing district named in the body), a suspension (the issue or
 * district its body names), or nothing district-bound.
 */
export type AccessTarget = 'issue' | 'new-issue' | 'group' | 'appeal' | 'suspension' | 'none';

/** The request as a rule's action resolver sees it (raw, before validation). */
export interface RuleRequest {
  params: Record<string, string | undefined>;
  body: unknown;
}

export type AccessRule =
  | { public: true }
  | {
      public: false;
      /** The action, or how to tell it from the request (a forced closure, one's own password). */
      action: Action | ((request: RuleRequest, principal: Principal) => Action);
      target: AccessTarget;
    };

/**
 * Declares what a route does in the terms of the access policy (`access-policy.ts`); the
 * global AccessGuard signs the request in and checks the rule before anything else runs.
 * A route without a rule is refused, and the engine refuses to start with one.
 */
export const Access = (
  action: Extract<AccessRule, { public: false }>['action'],
  target: AccessTarget = 'none',
) => SetMetadata(ACCESS_RULE, { public: false, action, target } satisfies AccessRule);

/** Open without signing in: probes, the API docs, the sign-in route itself. */
export const Public = () => SetMetadata(ACCESS_RULE, { public: true } satisfies AccessRule);
