import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { parsePeriod } from '../../projections/group-performance/queries';
import { ReadQueryDto } from '../http/query.dtos';
import { IsTime } from '../http/validators';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../ports/read-model-progress';
import { PerformanceService } from './performance/performance.service';
import type { PerformanceAnswer } from './performance/performance-answer';
import { Access } from '../identity/access/access.decorator';
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

  @IsTime('The ranking as it stood at this recorded time (the log folded by recordedAt)', false)
  asOf?: string;
}

/** The six work groups, and their public ranking (晾晒式考核) per period. */
@ApiTags('groups')
@Controller('groups')
export class GroupsController {
  constructor(
    @Inject(WORK_GROUPS) private readonly groups: WorkGroup[],
    private readonly performanceService: PerformanceService,
    @Inject(READ_MODEL_PROGRESS) private readonly projections: ReadModelProgress,
  ) {}

  @Get()
  @Access('groups.read')
  list(): WorkGroup[] {
    return this.groups;
  }

  @Get('performance')
  @Access('groups.read')
  async performance(@Query() query: PerformanceQueryDto): Promise<PerformanceAnswer> {
    parsePeriod(query.period);
    if (query.asOf) return this.performanceService.asOf(query.period, new Date(query.asOf));
    await this.projections.waitFor(query.minPosition);
    return this.performanceService.now(query.period);
  }
}
