import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import { listPractices, listRecord } from '../../../projections/group-record/queries';
import { CLOCK, type Clock } from '../../clock/clock';
import { handleCommand } from '../../command-handling/handle-command';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store';
import {
  commandMetadata,
  commandRequest,
  newId,
  type CommandRequest,
  type RawHeaders,
} from '../../http/command-route';
import { SignedCursors } from '../../http/signed-cursors';
import { Access } from '../../identity/access/access.decorator';
import { CurrentPrincipal } from '../../identity/access/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { DISTRICTS, type District } from '../../issues/domain/vocabulary';
import { issueDistricts } from '../../issues/issue-districts';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../../ports/read-model-progress';
import { READ_STORE, type ReadStore } from '../../ports/read-store';
import type { ActivityInput, RecordCommand } from './record-commands';
import { decideRecord } from './record-decide';
import { recordStreamId } from './record-events';
import { recordStream } from './record-stream';
import {
  CorrectActivityDto,
  RecordActivityDto,
  RecordQueryDto,
  TransferPracticeDto,
  WithdrawActivityDto,
} from './record.dtos';

/** What a record command answers: where the group's stream and the log stand, and what it created. */
export interface RecordAnswer {
  district: District;
  revision: number;
  position: number;
  entryId?: string;
  practiceId?: string;
  replayed?: boolean;
}

/**
 * The daily record (日记录) of shared/API-reviews.md: one stream per work group, written
 * through the generic command path as the signed-in principal. The access policy lets only
 * the group's own work-group users (and division, leadership) write it (`record.write` on the
 * route's `:district`), and every bureau role read it; the person fields (`recordedBy` …)
 * default to the principal's display name.
 */
@ApiTags('daily record')
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'A retry with the same key appends nothing',
})
@ApiHeader({
  name: 'If-Match',
  required: false,
  description: "The group record's revision; 409 if it moved on",
})
@ApiResponse({ status: 400, description: 'Invalid body; every bad field is named' })
@ApiResponse({ status: 401, description: 'Not signed in' })
@ApiResponse({ status: 403, description: "The role may not, or the record is another district's" })
@ApiResponse({ status: 404, description: 'Unknown district or entry' })
@ApiResponse({ status: 409, description: 'The record does not allow it, or If-Match is stale' })
@Controller('groups/:district')
export class RecordController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(READ_MODEL_PROGRESS) private readonly projections: ReadModelProgress,
    private readonly cursors: SignedCursors,
  ) {}

  @Post('record')
  @HttpCode(201)
  @Access('record.write', 'group')
  async record(
    @Param('district') raw: string,
    @Body() body: RecordActivityDto,
    @Headers() headers: RawHeaders,
    @CurrentPrincipal() principal: Principal,
  ) {
    const district = this.district(raw);
    const { occurredAt, recordedBy, ...input } = body;
    const request = commandRequest(headers, principal, {
      method: 'POST',
      route: `/groups/${district}/record`,
      body,
    });
    const entryId = newId(request.headers, 'record-entry', district);
    return this.send(district, request, input.issueIds, {
      type: 'RecordActivity',
      data: { entryId, ...(input as ActivityInput), by: recordedBy ?? principal.displayName },
      metadata: commandMetadata(this.clock.now(), occurredAt),
    });
  }

  @Post('record/:entryId/correction')
  @HttpCode(201)
  @Access('record.write', 'group')
  async correct(
    @Param('district') raw: string,
    @Param('entryId') entryId: string,
    @Body() body: CorrectActivityDto,
    @Headers() headers: RawHeaders,
    @CurrentPrincipal() principal: Principal,
  ) {
    const district = this.district(raw);
    const { occurredAt, correctedBy, reason, ...changes } = body;
    const route = `/groups/${district}/record/${entryId}/correction`;
    const request = commandRequest(headers, principal, { method: 'POST', route, body });
    return this.send(district, request, changes.issueIds, {
      type: 'CorrectActivity',
      data: {
        entryId,
        reason,
        by: correctedBy ?? principal.displayName,
        ...(changes as Partial<ActivityInput>),
      },
      metadata: commandMetadata(this.clock.now(), occurredAt),
    });
  }

  @Post('record/:entryId/withdrawal')
  @HttpCode(201)
  @Access('record.write', 'group')
  async withdraw(
    @Param('district') raw: string,
    @Param('entryId') entryId: string,
    @Body() body: WithdrawActivityDto,
    @Headers() headers: RawHeaders,
    @CurrentPrincipal() principal: Principal,
  ) {
    const district = this.district(raw);
    const route = `/groups/${district}/record/${entryId}/withdrawal`;
    const request = commandRequest(headers, principal, { method: 'POST', route, body });
    return this.send(district, request, [], {
      type: 'WithdrawActivity',
      data: { entryId, reason: body.reason, by: body.withdrawnBy ?? principal.displayName },
      metadata: commandMetadata(this.clock.now(), body.occurredAt),
    });
  }

  @Post('practices')
  @HttpCode(201)
  @Access('record.write', 'group')
  async practice(
    @Param('district') raw: string,
    @Body() body: TransferPracticeDto,
    @Headers() headers: RawHeaders,
    @CurrentPrincipal() principal: Principal,
  ) {
    const district = this.district(raw);
    const { occurredAt, recordedBy, ...data } = body;
    const request = commandRequest(headers, principal, {
      method: 'POST',
      route: `/groups/${district}/practices`,
      body,
    });
    const practiceId = newId(request.headers, 'practice', district);
    return this.send(district, request, [], {
      type: 'TransferPractice',
      data: {
        practiceId,
        ...(data as { direction: 'adopted-from-city'; title: string; date: string }),
        by: recordedBy ?? principal.displayName,
      },
      metadata: commandMetadata(this.clock.now(), occurredAt),
    });
  }

  @Get('record')
  @Access('record.read')
  async list(@Param('district') raw: string, @Query() query: RecordQueryDto) {
    const district = this.district(raw);
    await this.projections.waitFor(query.minPosition);
    const { minPosition: _, cursor, ...filters } = query;
    const list = `record-${district}`;
    const page = await listRecord(this.readStore, {
      ...filters,
      district,
      cursor: this.cursors.open(list, cursor),
    });
    return { ...page, nextCursor: this.cursors.sign(list, page.nextCursor) };
  }

  @Get('practices')
  @Access('record.read')
  async practices(@Param('district') raw: string, @Query() query: RecordQueryDto) {
    const district = this.district(raw);
    await this.projections.waitFor(query.minPosition);
    const { minPosition: _, kind: _kind, cursor, ...filters } = query;
    const list = `practices-${district}`;
    const page = await listPractices(this.readStore, {
      ...filters,
      district,
      cursor: this.cursors.open(list, cursor),
    });
    return { ...page, nextCursor: this.cursors.sign(list, page.nextCursor) };
  }

  private district(raw: string): District {
    if (!(DISTRICTS as readonly string[]).includes(raw))
      throw new NotFoundException(
        `there is no work group for "${raw.slice(0, 100)}"; districts are ${DISTRICTS.join(', ')}`,
      );
    return raw as District;
  }

  private async send(
    district: District,
    request: CommandRequest,
    linked: string[] | undefined,
    command: RecordCommand,
  ): Promise<RecordAnswer> {
    const issueDistrict = await issueDistricts(this.store, linked ?? []);
    const outcome = await handleCommand(
      this.store,
      recordStreamId(district),
      recordStream,
      (state) => decideRecord(command, state, { district, issueDistrict }),
      request.context,
      { subject: `the ${district} record` },
    );
    const created = outcome.events[0]?.data ?? {};
    return {
      district,
      revision: outcome.revision,
      position: outcome.position,
      ...('entryId' in command.data && {
        entryId: typeof created.entryId === 'string' ? created.entryId : command.data.entryId,
      }),
      ...(typeof created.practiceId === 'string' && { practiceId: created.practiceId }),
      ...(outcome.replayed && { replayed: true }),
    };
  }
}
