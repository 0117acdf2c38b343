import { Module } from '@nestjs/common';
import { ExportsController } from '../exports/exports.controller';
import { GroupsModule } from '../groups/groups.module';
import { ReviewCommandsController } from './http/review-commands.controller';
import { ReviewQueriesController } from './http/review-queries.controller';

/** The periodic reviews with their appeals, and the spreadsheets and print-outs of any period. */
@Module({
  imports: [GroupsModule],
  controllers: [ReviewCommandsController, ReviewQueriesController, ExportsController],
})
export class ReviewsModule {}
