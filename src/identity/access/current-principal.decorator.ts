import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/principal';
import { principalOf } from './access.guard';

/** The signed-in principal of the request, as the AccessGuard proved it. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  principalOf(context.switchToHttp().getRequest<AuthenticatedRequest>()),
);
