import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../http/query.dtos';
import { IsOneOf, IsOptionalText, IsText, IsTime } from '../../http/validators';
import { DISTRICTS } from '../../issues/domain/vocabulary';

export class DraftReviewDto {
  @ApiProperty({ description: 'A month 2023-05, a quarter 2023-Q2 or a year 2023', example: '2023-Q2' })
  @IsString({ message: '$property is required: a month 2023-05, a quarter 2023-Q2 or a year 2023' })
  @MaxLength(10)
  period!: string;

  @IsOptionalText('The title (default: e.g. 2023年第2季度市区联动季度工作讲评)', 200)
  title?: string;

  @IsOptionalText('Who drafts it: the unit or person acted for (default: your display name)', 200)
  draftedBy?: string;

  @IsTime('When (defaults to now)', false)
  occurredAt?: string;
}

export class AppealItemDto {
  @IsText('The issue the claim is about', 100)
  issueId!: string;

  @IsText('What the district claims about it', 2000)
  claim!: string;
}

export class FileAppealDto {
  @IsOneOf(DISTRICTS, 'The appealing district (its own work group files it)')
  district!: string;

  @IsText('Why the district appeals', 2000)
  reason!: string;

  @ApiPropertyOptional({ type: [AppealItemDto] })
  @IsOptional()
  @IsArray({ message: '$property must be a list of { issueId, claim }' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AppealItemDto)
  items?: AppealItemDto[];

  @IsOptionalText('Who files it: the unit or person acted for (default: your display name)', 200)
  filedBy?: string;

  @IsTime('When (defaults to now)', false)
  occurredAt?: string;
}

export class AdjustmentDto {
  @IsOneOf(DISTRICTS, 'Whose score moves')
  district!: string;

  @IsText('The measure of the formula whose points move, e.g. overdue', 50)
  measure!: string;

  @ApiProperty({ description: 'Points added (negative: taken away)', example: 4 })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '$property must be a number of points' })
  delta!: number;
}

export class DecideAppealDto {
  @ApiProperty({ description: 'Whether the appeal is upheld' })
  @IsBoolean({ message: '$property must be true or false' })
  upheld!: boolean;

  @IsText('The decision, in words the district can act on', 2000)
  comment!: string;

  @ApiPropertyOptional({ type: [AdjustmentDto], description: 'Upheld appeals only' })
  @IsOptional()
  @IsArray({ message: '$property must be a list of { district, measure, delta }' })
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => AdjustmentDto)
  adjustments?: AdjustmentDto[];

  @IsOptionalText('Who decides: the unit or person acted for (default: your display name)', 200)
  decidedBy?: string;

  @IsTime('When (defaults to now)', false)
  occurredAt?: string;
}

export class PublishReviewDto {
  @IsOptionalText('A word with the publication', 2000)
  comment?: string;

  @IsOptionalText('Who publishes: the unit or person acted for (default: your display name)', 200)
  publishedBy?: string;

  @IsTime('When (defaults to now)', false)
  occurredAt?: string;
}

export class ListReviewsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only reviews of this period, e.g. 2023-Q2' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  period?: string;

  @ApiPropertyOptional({ enum: ['draft', 'published'] })
  @IsOptional()
  @IsIn(['draft', 'published'], { message: '$property must be draft or published' })
  status?: string;
}
