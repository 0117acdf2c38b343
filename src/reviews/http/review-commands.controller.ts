import { Body, Controller, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '../../clock/clock';
import { handleCommand } from '../../command-handling/handle-command';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store';
import { PerformanceService } from '../../groups/performance/performance.service';
import {
  commandMetadata,
  commandRequest,
  newId,
  type CommandRequest,
  type RawHeaders,
} from '../../http/command-route';
import { Access } from '../../identity/access/access.decorator';
import { CurrentPrincipal } from '../../identity/access/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { issueDistricts } from '../../issues/issue-districts';
import { parsePeriod } from '../../../projections/group-performance/queries';
import type { ReviewCommand } from '../domain/review-commands';
import { decideReview } from '../domain/review-decide';
import { reviewStreamId } from '../domain/review-events';
import { reviewStream } from '../domain/review-stream';
import { DecideAppealDto, DraftReviewDto, FileAppealDto, PublishReviewDto } from './review.dtos';

export interface ReviewAnswer {
  reviewId: string;
  revision: number;
  position: number;
  appealId?: string;
  replayed?: boolean;
}

/**
 * The reviews (月汇总、季讲评、年总结) of shared/API-reviews.md, one stream per review, written
 * through the generic command path as the signed-in principal. Who may draft, appeal (the
 * appealing district's own work group), decide and publish is the access policy's; the rules
 * of the review itself are the decider's. The person fields default to the principal's
 * display name.
 */
@ApiTags('reviews')
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'A retry with the same key appends nothing',
})
@ApiHeader({ name: 'If-Match', required: false, description: "The review's revision; 409 if it moved on" })
@ApiResponse({ status: 400, description: 'Invalid body; every bad field is named' })
@ApiResponse({ status: 401, description: 'Not signed in' })
@ApiResponse({ status: 403, description: 'The role may not, or the appeal is for another district' })
@ApiResponse({ status: 404, description: 'Unknown review or appeal' })
@ApiResponse({
  status: 409,
  description: 'The review does not allow it (published, appeals open), or If-Match is stale',
})
@Controller('reviews')
export class ReviewCommandsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly performance: PerformanceService,
  ) {}

  @Post()
  @HttpCode(201)
  @Access('review.draft')
  async draft(
    @Body() body: DraftReviewDto,
    @Headers() headers: RawHeaders,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReviewAnswer> {
    const by = body.draftedBy ?? principal.displayName;
    const request = commandRequest(headers, principal, { method: 'POST', route: '/reviews', body });
    const reviewId = newId(request.headers, 'review');
    const now = this.clock.now();
    parsePeriod(body.period);
    // The ranking is computed from the log itself up to its head, so the frozen rows and the
    // position they were computed at are exact, whatever the projections' lag.
    const ranking = await this.performance.atPosition(body.period, await this.store.headPosition(), now);
    const snapshot = {
      rows: ranking.rows,
      formula: this.performance.currentFormula,
      position: ranking.position,
      asOf: ranking.asOf,
    };
    return this.send(reviewId, request, [], {
      type: 'DraftReview',
      data: { reviewId, period: body.period, title: body.title, snapshot, by },
      metadata: commandMetadata(now, body.occurredAt),
    });
  }

  @Post(':id/appeals')
  @HttpCode(201)
  @Access('review.appeal', 'appeal')
  async appeal(
    @Param('id') id: string,
    @Body() body: FileAppealDto,
    @Headers() headers: RawHeaders,
    @CurrentPrincipal() principal: Principal,
  ) {
    const by = body.filedBy ?? principal.displayName;
    const route = `/reviews/${id}/appeals`;
    const request = commandRequest(headers, principal, { method: 'POST', route, body });
    const appealId = newId(request.headers, 'appeal', id);
    const { district, reason, items } = body;
    return this.send(
      id,
      request,
      (items ?? []).map((i) => i.issueId),
      {
        type: 'FileAppeal',
        data: { appealId, district, reason, items, by },
        metadata: commandMetadata(this.clock.now(), body.occurredAt),
      },
    );
  }

  @Post(':id/appeals/:appealId/decision')
  @HttpCode(201)
  @Access('review.decide')
  async decide(
    @Param('id') id: string,
    @Param('appealId') appealId: string,
    @Body() body: DecideAppealDto,
    @Headers() headers: RawHeaders,
    @CurrentPrincipal() principal: Principal,
  ) {
    const by = body.decidedBy ?? principal.displayName;
    const route = `/reviews/${id}/appeals/${appealId}/decision`;
    const request = commandRequest(headers, principal, { method: 'POST', route, body });
    const { upheld, comment, adjustments } = body;
    return this.send(id, request, [], {
      type: 'DecideAppeal',
      data: { appealId, upheld, comment, adjustments, by },
      metadata: commandMetadata(this.clock.now(), body.occurredAt),
    });
  }

  @Post(':id/publication')
  @HttpCode(201)
  @Access('review.publish')
  async publish(
    @Param('id') id: string,
    @Body() body: PublishReviewDto,
    @Headers() headers: RawHeaders,
    @CurrentPrincipal() principal: Principal,
  ) {
    const by = body.publishedBy ?? principal.displayName;
    const request = commandRequest(headers, principal, {
      method: 'POST',
      route: `/reviews/${id}/publication`,
      body,
    });
    return this.send(id, request, [], {
      type: 'PublishReview',
      data: { comment: body.comment, by },
      metadata: commandMetadata(this.clock.now(), body.occurredAt),
    });
  }

  private async send(
    reviewId: string,
    request: CommandRequest,
    linked: string[],
    command: ReviewCommand,
  ): Promise<ReviewAnswer> {
    const issueDistrict = await issueDistricts(this.store, linked);
    const outcome = await handleCommand(
      this.store,
      reviewStreamId(reviewId),
      reviewStream,
      (state) => decideReview(command, state, { reviewId, issueDistrict }),
      request.context,
      { subject: `review ${reviewId}` },
    );
    const created = outcome.events[0]?.data ?? {};
    return {
      reviewId,
      revision: outcome.revision,
      position: outcome.position,
      ...('appealId' in command.data && {
        appealId: typeof created.appealId === 'string' ? created.appealId : command.data.appealId,
      }),
      ...(outcome.replayed && { replayed: true }),
    };
  }
}
