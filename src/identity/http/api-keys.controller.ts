import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { listApiKeys } from '../../../projections/identity/queries';
import { PageQueryDto } from '../../http/query.dtos';
import { SignedCursors } from '../../http/signed-cursors';
import { ProjectionsService } from '../../projections-runner/projections.service';
import { READ_STORE, type ReadStore } from '../../ports/read-store';
import { Access } from '../access/access.decorator';
import { CurrentPrincipal } from '../access/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { CreateApiKeyDto } from './identity.dtos';
import { contextOf } from './users.controller';

/** API keys of machine clients (admin): created and shown once, listed without the key, revoked. */
@ApiTags('api-keys')
@Controller('api-keys')
export class ApiKeysController {
  constructor(
    private readonly keys: ApiKeysService,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly projections: ProjectionsService,
    private readonly cursors: SignedCursors,
  ) {}

  @Post()
  @HttpCode(201)
  @Access('keys.manage')
  @ApiOperation({ summary: 'Create a key; the answer shows it this once' })
  async create(
    @Body() body: CreateApiKeyDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    const { key, outcome } = await this.keys.create(body, contextOf(principal, request));
    const { keyId: id, name, role, district } = outcome.state;
    return { id, key, name, role, district, position: outcome.position };
  }

  @Get()
  @Access('keys.manage')
  @ApiOperation({ summary: 'Every key (never the key itself)' })
  async list(@Query() query: PageQueryDto) {
    await this.projections.waitFor(query.minPosition);
    const page = await listApiKeys(this.readStore, {
      limit: query.limit,
      cursor: this.cursors.open('api-keys', query.cursor),
    });
    return { ...page, nextCursor: this.cursors.sign('api-keys', page.nextCursor) };
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('keys.manage')
  @ApiOperation({ summary: 'Revoke a key: it stops working at once' })
  async revoke(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    await this.keys.revoke(id, contextOf(principal, request));
  }
}
