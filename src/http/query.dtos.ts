import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsTime } from './validators';

/** Every query may wait for the projections to reach a position the client wrote at. */
export class ReadQueryDto {
  @ApiPropertyOptional({
    description: 'Wait (a few seconds at most) until projections have applied this log position',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property must be a whole number (a position from a command answer)' })
  @Min(0)
  minPosition?: number;
}

export class PageQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ description: 'Page size', default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property must be a whole number from 1 to 500' })
  @Min(1, { message: '$property must be a whole number from 1 to 500' })
  @Max(500, { message: '$property must be a whole number from 1 to 500' })
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  cursor?: string;
}

export class AsOfQueryDto extends ReadQueryDto {
  @IsTime('The recorded time to rebuild the issue at')
  asOf!: string;
}

export const BOOLEAN_STRINGS = ['true', 'false'];
export const IsBooleanString = () => IsIn(BOOLEAN_STRINGS, { message: '$property must be true or false' });
