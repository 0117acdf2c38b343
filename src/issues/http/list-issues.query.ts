import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ISSUE_SORTS } from '../../../projections/issue-status/queries';
import { IsBooleanString, PageQueryDto, ReadQueryDto } from '../../http/query.dtos';
import { CATEGORIES, DISTRICTS, ISSUE_STATUSES, SEVERITIES } from '../domain/vocabulary';

const optionalOneOf = (values: readonly string[]) => [
  IsOptional(),
  IsIn(values as string[], { message: `$property must be one of: ${values.join(', ')}` }),
];
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((decorator) => decorator(target, key));

export const LIGHTS = ['red', 'yellow', 'green'] as const;

/** The filters the board's counters share with its list (GET /issues/counts). */
export class CountIssuesQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ enum: DISTRICTS })
  @apply(optionalOneOf(DISTRICTS))
  district?: string;

  @ApiPropertyOptional({ enum: CATEGORIES })
  @apply(optionalOneOf(CATEGORIES))
  category?: string;

  @ApiPropertyOptional({ enum: SEVERITIES })
  @apply(optionalOneOf(SEVERITIES))
  severity?: string;
}

/** The board's filters (GET /issues). */
export class ListIssuesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DISTRICTS })
  @apply(optionalOneOf(DISTRICTS))
  district?: string;

  @ApiPropertyOptional({ enum: ISSUE_STATUSES })
  @apply(optionalOneOf(ISSUE_STATUSES))
  status?: string;

  @ApiPropertyOptional({ enum: CATEGORIES })
  @apply(optionalOneOf(CATEGORIES))
  category?: string;

  @ApiPropertyOptional({ enum: SEVERITIES })
  @apply(optionalOneOf(SEVERITIES))
  severity?: string;

  @ApiPropertyOptional({
    enum: LIGHTS,
    description: 'red: past a due time now; yellow: a warning stands, nothing overdue; green: neither',
  })
  @apply(optionalOneOf(LIGHTS))
  light?: (typeof LIGHTS)[number];

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Only closed issues (true) or only those still open, whatever their status (false)',
  })
  @IsOptional()
  @IsBooleanString()
  closed?: 'true' | 'false';

  @ApiPropertyOptional({
    enum: ISSUE_SORTS,
    default: 'reported',
    description: 'reported: newest reports first; due: the nearest (or longest past) due time first',
  })
  @apply(optionalOneOf(ISSUE_SORTS))
  sort?: (typeof ISSUE_SORTS)[number];

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Only issues past a due time now (true) or not (false)',
  })
  @IsOptional()
  @IsBooleanString()
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ minimum: 0, maximum: 3 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property must be 0, 1, 2 or 3' })
  @Min(0, { message: '$property must be 0, 1, 2 or 3' })
  @Max(3, { message: '$property must be 0, 1, 2 or 3' })
  escalationLevel?: number;
}
