import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Access } from '../../identity/access/access.decorator';
import { CurrentPrincipal } from '../../identity/access/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { contextOf } from '../../identity/http/users.controller';
import { RulesInForce, type RulesChange } from './rules-in-force';

/** What a reload answers: each version in force, whether it is new and what changed, and what moved. */
export const reloadAnswer = (change: RulesChange) => ({
  policy: { name: change.after.policy.name, ...change.policy },
  calendar: change.calendar,
  retimed: change.retimed,
});

/**
 * `POST /admin/escalation/reload` (admin): reads ESCALATION_POLICY and HOLIDAYS_FILE again, as
 * SIGHUP does, records each new version in the log as the signed-in admin and re-times every
 * pending check. A bad file is refused with 400 naming the file and the entry; the rules in
 * force stay.
 */
@ApiTags('admin')
@Controller('admin/escalation')
export class RulesAdminController {
  constructor(private readonly rules: RulesInForce) {}

  @Post('reload')
  @HttpCode(200)
  @Access('escalation.reload')
  @ApiOperation({ summary: 'Reload the escalation policy and the calendar file; re-time pending checks' })
  @ApiResponse({ status: 400, description: 'A file is bad (its entry is named); the rules in force stay' })
  @ApiResponse({ status: 403, description: 'Only admin reloads the rules' })
  async reload(@CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest) {
    return reloadAnswer(await this.rules.reload('admin', contextOf(principal, request)));
  }
}
