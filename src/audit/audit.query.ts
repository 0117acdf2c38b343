import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../http/query.dtos';
import { IsTime } from '../http/validators';
import { RECORD_EVENT_TYPES } from '../groups/record/record-events';
import { IDENTITY_EVENT_TYPES } from '../identity/domain/identity-event-types';
import { ISSUE_EVENT_TYPES } from '../issues/domain/issue-events';
import { REVIEW_EVENT_TYPES } from '../reviews/domain/review-events';
import { DISTRICTS } from '../issues/domain/vocabulary';

/** Every event type the log holds: issues, the daily record, the reviews, and identity. */
const EVENT_TYPES: readonly string[] = [
  ...ISSUE_EVENT_TYPES,
  ...RECORD_EVENT_TYPES,
  ...REVIEW_EVENT_TYPES,
  ...IDENTITY_EVENT_TYPES,
];

/** Filters of the cross-issue audit query (GET /audit). */
export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Who did it (exact): a username, key:<id>, system:escalation' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actor?: string;

  @ApiPropertyOptional({ enum: EVENT_TYPES })
  @IsOptional()
  @IsIn(EVENT_TYPES as string[], { message: `$property must be one of: ${EVENT_TYPES.join(', ')}` })
  type?: string;

  @ApiPropertyOptional({ enum: DISTRICTS })
  @IsOptional()
  @IsIn(DISTRICTS, { message: `$property must be one of: ${DISTRICTS.join(', ')}` })
  district?: string;

  @ApiPropertyOptional({ description: 'Only events of this issue' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  issueId?: string;

  @IsTime('Events that occurred at or after this time', false)
  from?: string;

  @IsTime('Events that occurred before this time', false)
  to?: string;
}
