import { Module } from '@nestjs/common';
import { GroupsController } from './groups.controller';
import { PerformanceService } from './performance/performance.service';
import { RecordController } from './record/record.controller';

/**
 * The six work groups: their daily record and their ranking by the published formula (the
 * roster and the formula themselves are configuration, see `AppModule`).
 */
@Module({
  controllers: [GroupsController, RecordController],
  providers: [PerformanceService],
  exports: [PerformanceService],
})
export class GroupsModule {}
