import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQueryDto } from '../../http/query.dtos';
import { IsOneOf, IsOptionalText, IsText, IsTime } from '../../http/validators';
import { ACTIVITY_KINDS, ON_SITE_DAYS, PRACTICE_DIRECTIONS } from './record-vocabulary';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = '$property must be a date YYYY-MM-DD (Asia/Shanghai), e.g. 2023-05-16';

function IsOptionalList(description: string) {
  return (target: object, key: string) => {
    ApiPropertyOptional({ description, type: [String] })(target, key);
    IsOptional()(target, key);
    IsArray({ message: '$property must be a list' })(target, key);
    ArrayMaxSize(200, { message: '$property may hold at most 200 items' })(target, key);
    IsString({ each: true, message: '$property must hold texts' })(target, key);
    MaxLength(200, { each: true, message: 'each of $property must be at most 200 characters' })(target, key);
  };
}

/** The optional fields of an entry, shared by recording and correcting it. */
class ActivityFieldsDto {
  @ApiPropertyOptional({ enum: ON_SITE_DAYS, description: 'on-site only: 0.5 or 1 (default 1)' })
  @IsOptional()
  @IsIn(ON_SITE_DAYS, { message: '$property must be 0.5 or 1 (on-site entries only)' })
  days?: number;

  @IsOptionalText('Where: the site or project', 500)
  site?: string;

  @ApiPropertyOptional({ description: 'People reached (trainees, attendees)', minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property must be a whole number, 0 or more' })
  @Min(0, { message: '$property must be a whole number, 0 or more' })
  participants?: number;

  @IsOptionalList('The group members who took part')
  members?: string[];

  @IsOptionalText('What was done and found')
  summary?: string;

  @IsOptionalList('Issues the activity was about')
  issueIds?: string[];

  @IsTime('When this was recorded in the field (defaults to now)', false)
  occurredAt?: string;
}

export class RecordActivityDto extends ActivityFieldsDto {
  @IsOneOf(ACTIVITY_KINDS, 'What kind of activity')
  kind!: string;

  @Matches(DATE, { message: DATE_MESSAGE })
  date!: string;

  @IsOptionalText('What it was about (required for every kind but on-site)', 500)
  topic?: string;

  @IsOptionalText('Who records it: the unit or person acted for (default: your display name)', 200)
  recordedBy?: string;
}

export class CorrectActivityDto extends ActivityFieldsDto {
  @IsText('Why the entry is corrected', 1000)
  reason!: string;

  @ApiPropertyOptional({ enum: ACTIVITY_KINDS })
  @IsOptional()
  @IsIn(ACTIVITY_KINDS, {
    message: `$property must be one of: ${ACTIVITY_KINDS.join(', ')}`,
  })
  kind?: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  date?: string;

  @IsOptionalText('What it was about', 500)
  topic?: string;

  @IsOptionalText('Who corrects it: the unit or person acted for (default: your display name)', 200)
  correctedBy?: string;
}

export class WithdrawActivityDto {
  @IsText('Why the entry is withdrawn', 1000)
  reason!: string;

  @IsOptionalText('Who withdraws it: the unit or person acted for (default: your display name)', 200)
  withdrawnBy?: string;

  @IsTime('When (defaults to now)', false)
  occurredAt?: string;
}

export class TransferPracticeDto {
  @IsOneOf(
    PRACTICE_DIRECTIONS,
    'adopted-from-city (区级转化吸收市级制度) or promoted-to-city (市级推广区级经验)',
  )
  direction!: string;

  @IsText('The rule or practice', 500)
  title!: string;

  @Matches(DATE, { message: DATE_MESSAGE })
  date!: string;

  @IsOptionalText('What it is and how it was taken up')
  summary?: string;

  @IsOptionalText('Who records it: the unit or person acted for (default: your display name)', 200)
  recordedBy?: string;

  @IsTime('When (defaults to now)', false)
  occurredAt?: string;
}

export class RecordQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'From this date, inclusive (YYYY-MM-DD)' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  from?: string;

  @ApiPropertyOptional({ description: 'Up to this date, inclusive (YYYY-MM-DD)' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  to?: string;

  @ApiPropertyOptional({ enum: ACTIVITY_KINDS })
  @IsOptional()
  @IsIn(ACTIVITY_KINDS, {
    message: `$property must be one of: ${ACTIVITY_KINDS.join(', ')}`,
  })
  kind?: string;
}
