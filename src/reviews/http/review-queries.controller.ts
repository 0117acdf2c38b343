import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { listReviews } from '../../../projections/reviews/projection';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store';
import { SignedCursors } from '../../http/signed-cursors';
import { Access } from '../../identity/access/access.decorator';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../../ports/read-model-progress';
import { READ_STORE, type ReadStore } from '../../ports/read-store';
import { reviewStreamId } from '../domain/review-events';
import { reviewView, type ReviewView } from '../review-view';
import { ListReviewsQueryDto } from './review.dtos';

/** Reads a review from its own stream: the published ranking is a fact of the log. */
export async function readReview(store: EventStore, id: string): Promise<ReviewView> {
  const view = reviewView(await store.readStream(reviewStreamId(id)));
  if (!view) throw new NotFoundException(`review ${id} does not exist`);
  return view;
}

/**
 * The reviews as the bureau reads them: every role of the bureau reads every review (they are
 * public inside it, 晾晒); admin reads none (separation of duties: they hold issue lists).
 */
@ApiTags('reviews')
@ApiResponse({ status: 401, description: 'Not signed in' })
@Controller('reviews')
export class ReviewQueriesController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(READ_MODEL_PROGRESS) private readonly projections: ReadModelProgress,
    private readonly cursors: SignedCursors,
  ) {}

  @Get()
  @Access('reviews.read')
  async list(@Query() query: ListReviewsQueryDto) {
    await this.projections.waitFor(query.minPosition);
    const { minPosition: _, cursor, ...filters } = query;
    const page = await listReviews(this.readStore, {
      ...filters,
      cursor: this.cursors.open('reviews', cursor),
    });
    return { ...page, nextCursor: this.cursors.sign('reviews', page.nextCursor) };
  }

  @Get(':id')
  @Access('reviews.read')
  one(@Param('id') id: string): Promise<ReviewView> {
    return readReview(this.store, id);
  }
}
