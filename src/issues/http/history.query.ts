import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ReadQueryDto } from '../../http/query.dtos';

/**
 * GET /issues/:id/history: without `limit` and `cursor` the whole history (the contract's
 * plain list); with either, one page of it, the next page's cursor in `X-Next-Cursor` and `Link`.
 */
export class HistoryQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({
    description: 'Page size; without limit and cursor the whole history is answered',
    minimum: 1,
    maximum: 500,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property must be a whole number from 1 to 500' })
  @Min(1, { message: '$property must be a whole number from 1 to 500' })
  @Max(500, { message: '$property must be a whole number from 1 to 500' })
  limit?: number;

  @ApiPropertyOptional({ description: 'The X-Next-Cursor of the previous page (50 events when no limit)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  cursor?: string;
}
