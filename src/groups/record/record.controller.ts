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
import { commandMetadata, commandRequest, newId, type RawHeaders } from '../../http/command-route';
import { DISTRICTS, type District } from '../../issues/domain/vocabulary';
import { issueDistricts } from '../../issues/issue-districts';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../../ports/read-model-progress';
import { READ_STORE, type ReadStore } from '../../ports/read-store';
import { WORK_GROUPS, type WorkGroup } from '../work-groups';
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
 * through the generic command path. Who may write whose record is declared in
 * `record-access.ts`; the routes take the actor from the body until sign-in lands.
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
@ApiResponse({ status: 404, description: 'Unknown district or entry' })
@ApiResponse({ status: 409, description: 'The record does not allow it, or If-Match is stale' })
@Controller('groups/:district')
export class RecordController {
  private readonly groupNames: Map<string, string>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WORK_GROUPS) groups: WorkGroup[],
    @Inject(READ_MODEL_PROGRESS) private readonly projections: ReadModelProgress,
  ) {
    this.groupNames = new Map(groups.map((g) => [g.district, g.name]));
  }

  @Post('record')
  @HttpCode(201)
  async record(
    @Param('district') raw: string,
    @Body() body: RecordActivityDto,
    @Headers() headers: RawHeaders,
  ) {
    const district = this.district(raw);
    const { occurredAt, recordedBy, ...input } = body;
    const by = recordedBy ?? this.groupNames.get(district)!;
    const request = commandRequest(headers, by, {
      method: 'POST',
      route: `/groups/${district}/record`,
      body,
    });
    const entryId = newId(request.headers, 'record-entry', district);
    return this.send(district, request, input.issueIds, {
      type: 'RecordActivity',
      data: { entryId, ...(input as ActivityInput), by },
      metadata: commandMetadata(this.clock.now(), occurredAt),
    });
  }

  @Post('record/:entryId/correction')
  @HttpCode(201)
  async correct(
    @Param('district') raw: string,
    @Param('entryId') entryId: string,
    @Body() body: CorrectActivityDto,
    @Headers() headers: RawHeaders,
  ) {
    const district = this.district(raw);
    const { occurredAt, correctedBy, reason, ...changes } = body;
    const by = correctedBy ?? this.groupNames.get(district)!;
    const route = `/groups/${district}/record/${entryId}/correction`;
    const request = commandRequest(headers, by, { method: 'POST', route, body });
    return this.send(district, request, changes.issueIds, {
      type: 'CorrectActivity',
      data: { entryId, reason, by, ...(changes as Partial<ActivityInput>) },
      metadata: commandMetadata(this.clock.now(), occurredAt),
    });
  }

  @Post('record/:entryId/withdrawal')
  @HttpCode(201)
  async withdraw(
    @Param('district') raw: string,
    @Param('entryId') entryId: string,
    @Body() body: WithdrawActivityDto,
    @Headers() headers: RawHeaders,
  ) {
    const district = this.district(raw);
    const by = body.withdrawnBy ?? this.groupNames.get(district)!;
    const route = `/groups/${district}/record/${entryId}/withdrawal`;
    const request = commandRequest(headers, by, { method: 'POST', route, body });
    return this.send(district, request, [], {
      type: 'WithdrawActivity',
      data: { entryId, reason: body.reason, by },
      metadata: commandMetadata(this.clock.now(), body.occurredAt),
    });
  }

  @Post('practices')
  @HttpCode(201)
  async practice(
    @Param('district') raw: string,
    @Body() body: TransferPracticeDto,
    @Headers() headers: RawHeaders,
  ) {
    const district = this.district(raw);
    const { occurredAt, recordedBy, ...data } = body;
    const by = recordedBy ?? this.groupNames.get(district)!;
    const request = commandRequest(headers, by, {
      method: 'POST',
      route: `/groups/${district}/practices`,
      body,
    });
    const practiceId = newId(request.headers, 'practice', district);
    return this.send(district, request, [], {
      type: 'TransferPractice',
      data: { practiceId, ...(data as { direction: 'adopted-from-city'; title: string; date: string }), by },
      metadata: commandMetadata(this.clock.now(), occurredAt),
    });
  }

  @Get('record')
  async list(@Param('district') raw: string, @Query() query: RecordQueryDto) {
    const district = this.district(raw);
    await this.projections.waitFor(query.minPosition);
    const { minPosition: _, ...filters } = query;
    return listRecord(this.readStore, { ...filters, district });
  }

  @Get('practices')
  async practices(@Param('district') raw: string, @Query() query: RecordQueryDto) {
    const district = this.district(raw);
    await this.projections.waitFor(query.minPosition);
    const { minPosition: _, kind: _kind, ...filters } = query;
    return listPractices(this.readStore, { ...filters, district });
  }

  private district(raw: string): District {
    if (!(DISTRICTS as readonly string[]).includes(raw))
      throw new NotFoundException(
        `there is no work group for "${raw}"; districts are ${DISTRICTS.join(', ')}`,
      );
    return raw as District;
  }

  private async send(
    district: District,
    request: ReturnType<typeof commandRequest>,
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
