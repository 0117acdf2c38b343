import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { listReviews } from '../../../projections/reviews/projection';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store';
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

@ApiTags('reviews')
@Controller('reviews')
export class ReviewQueriesController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(READ_MODEL_PROGRESS) private readonly projections: ReadModelProgress,
  ) {}

  @Get()
  async list(@Query() query: ListReviewsQueryDto) {
    await this.projections.waitFor(query.minPosition);
    const { minPosition: _, ...filters } = query;
    return listReviews(this.readStore, filters);
  }

  @Get(':id')
  one(@Param('id') id: string): Promise<ReviewView> {
    return readReview(this.store, id);
  }
}
