import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { parsePeriod } from '../../projections/group-performance/queries';
import { CLOCK, type Clock } from '../clock/clock';
import { ReadQueryDto } from '../http/query.dtos';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../ports/read-model-progress';
import { READ_STORE, type ReadStore } from '../ports/read-store';
import { groupPerformance } from './group-performance';
import { WORK_GROUPS, type WorkGroup } from './work-groups';

class PerformanceQueryDto extends ReadQueryDto {
  @ApiProperty({
    description: 'A year 2023, quarter 2023-Q1, month 2023-03 or day 2023-03-15 (Asia/Shanghai)',
    example: '2023-Q1',
  })
  @IsString({
    message: 'period is required: a year 2023, a quarter 2023-Q1, a month 2023-03 or a day 2023-03-15',
  })
  period!: string;
}

/** The six work groups, and their public ranking (晾晒式考核) per period. */
@ApiTags('groups')
@Controller('groups')
export class GroupsController {
  constructor(
    @Inject(WORK_GROUPS) private readonly groups: WorkGroup[],
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(READ_MODEL_PROGRESS) private readonly projections: ReadModelProgress,
  ) {}

  @Get()
  list(): WorkGroup[] {
    return this.groups;
  }

  @Get('performance')
  async performance(@Query() query: PerformanceQueryDto) {
    parsePeriod(query.period);
    await this.projections.waitFor(query.minPosition);
    const rows = await groupPerformance(this.readStore, query.period, this.clock.now());
    const byDistrict = new Map(this.groups.map((g) => [g.district, g]));
    return rows.map((row: { district: string }) => ({
      ...row,
      group: byDistrict.get(row.district as WorkGroup['district'])?.name,
    }));
  }
}
