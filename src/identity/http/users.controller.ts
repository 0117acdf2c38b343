import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { listUsers } from '../../../projections/identity/queries';
import type { CommandContext } from '../../command-handling/command-context';
import { PageQueryDto } from '../../http/query.dtos';
import { SignedCursors } from '../../http/signed-cursors';
import { ProjectionsService } from '../../projections-runner/projections.service';
import { READ_STORE, type ReadStore } from '../../ports/read-store';
import { InvalidCommandError, StateConflictError } from '../../shared-kernel/domain-errors';
import { Access } from '../access/access.decorator';
import { CurrentPrincipal } from '../access/current-principal.decorator';
import { Authenticator } from '../auth/authenticator';
import { passwordMatches } from '../auth/passwords';
import { actorMetadata, type Principal } from '../auth/principal';
import { UsersService, userView } from '../users/users.service';
import { correlationOf } from './auth.controller';
import { ChangeUserDto, CreateUserDto, SetPasswordDto } from './identity.dtos';

/** The context of a command a principal sends over HTTP. */
export const contextOf = (principal: Principal, request: FastifyRequest): CommandContext => ({
  actor: principal.actor,
  metadata: actorMetadata(principal),
  correlationId: correlationOf(request),
  causationId: null,
});

/** Users (admin; a user may change its own password). */
@ApiTags('users')
@ApiResponse({ status: 403, description: 'Only admin manages users' })
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly authenticator: Authenticator,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly projections: ProjectionsService,
    private readonly cursors: SignedCursors,
  ) {}

  @Get()
  @Access('users.manage')
  @ApiOperation({ summary: 'Every user (never a password or a hash)' })
  async list(@Query() query: PageQueryDto) {
    await this.projections.waitFor(query.minPosition);
    const page = await listUsers(this.readStore, {
      limit: query.limit,
      cursor: this.cursors.open('users', query.cursor),
    });
    return { ...page, nextCursor: this.cursors.sign('users', page.nextCursor) };
  }

  @Post()
  @HttpCode(201)
  @Access('users.manage')
  @ApiResponse({ status: 409, description: 'The username is taken' })
  async create(
    @Body() body: CreateUserDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    const outcome = await this.users.create(body, contextOf(principal, request));
    return { ...userView(outcome.state), position: outcome.position };
  }

  @Patch(':username')
  @Access('users.manage')
  @ApiOperation({
    summary: 'Change name, role, district or disable; role, district and disabling end the sessions',
  })
  async change(
    @Param('username') username: string,
    @Body() body: ChangeUserDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    if (
      principal.kind === 'user' &&
      principal.id === username &&
      (body.disabled === true || (body.role && body.role !== 'admin'))
    ) {
      // Otherwise an admin could lock the bureau out of its own accounts.
      throw new StateConflictError(
        'an admin may not disable itself or give up its own admin role; ask another admin',
      );
    }
    const outcome = await this.users.change(username, body, contextOf(principal, request));
    return { ...userView(outcome.state), position: outcome.position };
  }

  @Post(':username/password')
  @HttpCode(204)
  @Access(({ params }, principal) =>
    principal.kind === 'user' && params.username === principal.id ? 'self' : 'users.manage',
  )
  @ApiOperation({ summary: 'Set a password; every session of the user ends' })
  async setPassword(
    @Param('username') username: string,
    @Body() body: SetPasswordDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    if (principal.kind === 'user' && principal.id === username) {
      if (body.currentPassword === undefined)
        throw new InvalidCommandError('currentPassword', 'is required to change your own password');
      const state = await this.authenticator.user(username);
      if (!(await passwordMatches(state.passwordHash, body.currentPassword)))
        throw new InvalidCommandError('currentPassword', 'is not your current password');
    }
    await this.users.setPassword(username, body.password, contextOf(principal, request));
  }
}
