import {
  Body,
  Controller,
  ForbiddenException,
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
import { listSuspensions } from '../../../projections/suspensions/projection';
import { CLOCK, type Clock } from '../../clock/clock';
import { handleCommand } from '../../command-handling/handle-command';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store';
import { commandMetadata, commandRequest, newId, type RawHeaders } from '../../http/command-route';
import { SignedCursors } from '../../http/signed-cursors';
import { POLICY } from '../../identity/access/access-policy';
import { Access } from '../../identity/access/access.decorator';
import { authorize } from '../../identity/access/authorize';
import { CurrentPrincipal } from '../../identity/access/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { issueDistricts } from '../../issues/issue-districts';
import type { District } from '../../issues/domain/vocabulary';
import { unknownIssue } from '../../issues/unknown-issue';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../../ports/read-model-progress';
import { READ_STORE, type ReadStore } from '../../ports/read-store';
import { InvalidCommandError } from '../../shared-kernel/domain-errors';
import {
  decideSuspension,
  suspensionStream,
  suspensionStreamId,
  type SuspensionCommand,
  type SuspensionScope,
} from '../domain';
import { SUSPENSION_BOOK, type SuspensionBook } from '../suspension-book';
import { suspensionView, type SuspensionView } from '../suspension-view';
import { ApproveSuspensionDto, LiftSuspensionDto, ListSuspensionsQueryDto } from './suspension.dtos';
import { approveAction, approveActionOf, liftAction } from './suspension-access';

export interface SuspensionAnswer {
  suspensionId: string;
  revision: number;
  position: number;
  replayed?: boolean;
}

/**
 * Suspensions for force majeure (挂起: a typhoon warning, a heavy-rain stop), one stream per
 * suspension, written through the generic command path as the signed-in principal. Who may
 * suspend what is the access policy's (`suspension.district` for an issue or a district,
 * `suspension.city` for the whole city); the rules of a suspension are the decider's. While one
 * is in force over an issue nothing on it escalates; its deadlines move by the time suspended.
 */
@ApiTags('suspensions')
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'A retry with the same key appends nothing',
})
@ApiResponse({ status: 400, description: 'Invalid body; every bad field is named' })
@ApiResponse({ status: 401, description: 'Not signed in' })
@ApiResponse({ status: 403, description: 'The role may not suspend that scope, or it is another district' })
@ApiResponse({ status: 404, description: 'Unknown suspension or issue' })
@ApiResponse({
  status: 409,
  description: 'Overlaps a suspension of the same scope, or already lifted or over',
})
@Controller('suspensions')
export class SuspensionsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SUSPENSION_BOOK) private readonly book: SuspensionBook,
    @Inject(READ_MODEL_PROGRESS) private readonly projections: ReadModelProgress,
    private readonly cursors: SignedCursors,
  ) {}

  @Post()
  @HttpCode(201)
  @Access(approveAction, 'suspension')
  async approve(
    @Body() body: ApproveSuspensionDto,
    @Headers() headers: RawHeaders,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SuspensionAnswer> {
    const request = commandRequest(headers, principal, { method: 'POST', route: '/suspensions', body });
    const suspensionId = newId(request.headers, 'suspension');
    const scope = await this.scopeOf(body);
    const now = this.clock.now();
    const metadata = commandMetadata(now, body.occurredAt);
    return this.send(suspensionId, request.context, {
      type: 'ApproveSuspension',
      data: {
        scope,
        from: body.from ? new Date(body.from) : now,
        until: new Date(body.until),
        reason: body.reason,
        by: body.approvedBy ?? principal.displayName,
      },
      metadata,
    });
  }

  @Post(':id/lift')
  @HttpCode(201)
  @Access(liftAction)
  async lift(
    @Param('id') id: string,
    @Body() body: LiftSuspensionDto,
    @Headers() headers: RawHeaders,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SuspensionAnswer> {
    const request = commandRequest(headers, principal, {
      method: 'POST',
      route: `/suspensions/${id}/lift`,
      body,
    });
    await this.book.refresh();
    const scope = this.book.scopeOf(id);
    if (!scope) throw new NotFoundException(`suspension ${id} does not exist`);
    // Lifting takes what approving that scope takes: the city's by leadership, a district's in it
    // (another district's is refused with 403, as a command on another district's issue is).
    const target =
      scope.kind === 'city'
        ? { kind: 'none' as const }
        : { kind: 'district' as const, district: scope.district };
    const decision = authorize(principal, approveActionOf(scope.kind), target, unknownIssue);
    if (!decision.allowed) throw new ForbiddenException(decision.message);
    return this.send(id, request.context, {
      type: 'LiftSuspension',
      data: { reason: body.reason, by: body.liftedBy ?? principal.displayName },
      metadata: commandMetadata(this.clock.now(), body.occurredAt),
    });
  }

  @Get()
  @Access('suspensions.read')
  async list(@Query() query: ListSuspensionsQueryDto, @CurrentPrincipal() principal: Principal) {
    await this.projections.waitFor(query.minPosition);
    const now = this.clock.now();
    const page = await listSuspensions(this.readStore, {
      district: this.districtOf(principal),
      ...(query.current === 'true' && { endingAfter: now.toISOString() }),
      ...(query.current === 'false' && { endedBy: now.toISOString() }),
      limit: query.limit,
      cursor: this.cursors.open('suspensions', query.cursor),
    });
    const items = page.items.map((doc) => suspensionView(doc.suspension, now));
    return { items, nextCursor: this.cursors.sign('suspensions', page.nextCursor), asOf: now.toISOString() };
  }

  @Get(':id')
  @Access('suspensions.read')
  async one(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<SuspensionView> {
    await this.book.refresh();
    const suspension = this.book.all().find((s) => s.suspensionId === id);
    if (!suspension || !this.readable(principal, suspension.scope))
      throw new NotFoundException(`suspension ${id} does not exist`);
    return suspensionView(suspension, this.clock.now());
  }

  private async send(
    suspensionId: string,
    context: ReturnType<typeof commandRequest>['context'],
    command: SuspensionCommand,
  ) {
    await this.book.refresh();
    const others = this.book.all();
    const outcome = await handleCommand(
      this.store,
      suspensionStreamId(suspensionId),
      suspensionStream,
      (state) => decideSuspension(command, state, { suspensionId, others }),
      context,
      { subject: `suspension ${suspensionId}` },
    );
    return {
      suspensionId,
      revision: outcome.revision,
      position: outcome.position,
      ...(outcome.replayed && { replayed: true }),
    };
  }

  /** The scope the body names; an issue's is looked up (its district is kept with it). */
  private async scopeOf(body: ApproveSuspensionDto): Promise<SuspensionScope> {
    if (body.scope === 'city') return { kind: 'city' };
    if (body.scope === 'district') {
      if (!body.district) throw new InvalidCommandError('district', 'is required for scope district');
      return { kind: 'district', district: body.district as District };
    }
    if (!body.issueId) throw new InvalidCommandError('issueId', 'is required for scope issue');
    const district = (await issueDistricts(this.store, [body.issueId]))(body.issueId);
    if (!district) throw new NotFoundException(unknownIssue(body.issueId));
    return { kind: 'issue', issueId: body.issueId, district };
  }

  private districtOf(principal: Principal): string | null {
    return POLICY[principal.role].scope === 'district' ? (principal.district ?? '') : null;
  }

  /** A district reader sees its district's suspensions and the city's, as the list does. */
  private readable(principal: Principal, scope: SuspensionScope): boolean {
    const district = this.districtOf(principal);
    return district === null || scope.kind === 'city' || scope.district === district;
  }
}
