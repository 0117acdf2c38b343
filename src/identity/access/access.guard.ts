import {
  ForbiddenException,
  Injectable,
  NotFoundException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { unknownIssue } from '../../issues/unknown-issue';
import { Authenticator } from '../auth/authenticator';
import type { AuthenticatedRequest, Principal } from '../auth/principal';
import { cookieWriteRefusal } from '../auth/session-cookie';
import { may } from './access-policy';
import { ACCESS_RULE, type AccessRule, type AccessTarget } from './access.decorator';
import { authorize, type Target } from './authorize';
import { IssueDistricts, plausibleIssueId } from './issue-districts';

/**
 * The one gate of every route (registered globally): reads the route's declared rule, signs
 * the request in, refuses cookie writes from other origins, and applies the policy to the
 * action and its target before any pipe or handler runs, so nothing is appended on a refusal.
 * The principal is left on the request for the route (`@CurrentPrincipal()`).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly districts: IssueDistricts,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (rule?.public) return true;
    if (!rule) throw new ForbiddenException(`${request.method} ${request.url} declares no access rule`);

    const principal = await this.authenticator.authenticate(request);
    if (principal.via === 'cookie') {
      const refusal = cookieWriteRefusal(request);
      if (refusal) throw new ForbiddenException(refusal);
    }
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    const action =
      typeof rule.action === 'function'
        ? rule.action({ params, body: request.body }, principal)
        : rule.action;
    // The role first: a role that may not do this at all learns nothing about the target.
    const target = may(principal.role, action)
      ? await this.targetOf(rule.target, params, request.body, action === 'issues.read')
      : ({ kind: 'none' } as const);
    const decision = authorize(principal, action, target, unknownIssue);
    if (!decision.allowed) {
      throw decision.status === 404
        ? new NotFoundException(decision.message)
        : new ForbiddenException(decision.message);
    }
    request.principal = principal;
    return true;
  }

  private async targetOf(
    kind: AccessTarget,
    params: Record<string, string | undefined>,
    body: unknown,
    reading: boolean,
  ): Promise<Target> {
    switch (kind) {
      case 'none':
        return { kind: 'none' };
      case 'new-issue':
      case 'appeal':
        return { kind: 'district', district: (body as { district?: unknown } | null)?.district };
      case 'group':
        return { kind: 'district', district: params.district };
      case 'suspension': {
        // The issue or district a suspension's body names; the city's has no district.
        const named = (body ?? {}) as { scope?: unknown; issueId?: unknown; district?: unknown };
        if (named.scope === 'district') return { kind: 'district', district: named.district };
        if (named.scope !== 'issue' || typeof named.issueId !== 'string' || !plausibleIssueId(named.issueId))
          return { kind: 'none' };
        return { kind: 'issue', issueId: named.issueId, district: await this.districts.of(named.issueId) };
      }
      case 'issue': {
        const issueId = params.id ?? '';
        // An id no issue can have (too long, control characters) is unknown, and goes no further.
        if (!plausibleIssueId(issueId)) throw new NotFoundException(unknownIssue(issueId));
        const district = await this.districts.of(issueId);
        // A read of an unknown issue answers here, exactly as one outside the district does.
        if (district === null && reading) throw new NotFoundException(unknownIssue(issueId));
        return { kind: 'issue', issueId, district };
      }
      default: {
        const unexpected: never = kind;
        throw new Error(`unknown access target ${String(unexpected)}`);
      }
    }
  }
}

/** The principal the guard signed in; routes without a rule never get here. */
export function principalOf(request: AuthenticatedRequest): Principal {
  if (!request.principal) throw new Error('no principal on the request: is the route missing @Access?');
  return request.principal;
}
