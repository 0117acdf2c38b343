import { BadRequestException } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';

export class LiveQueryDto {
  @ApiPropertyOptional({
    description:
      'Start after this log position (a position the page read at), replaying what the reader may see since; a reconnect’s Last-Event-ID header takes precedence',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property must be a whole number (a log position)' })
  @Min(0, { message: '$property must be a whole number (a log position)' })
  after?: number;
}

/**
 * Where a stream starts: after the `Last-Event-ID` the browser sends on a reconnect (the id
 * of the last message it got), else after `?after=`, else from now (null).
 * @throws BadRequestException for a Last-Event-ID that is not a position this stream gave.
 */
export function resumeFrom(
  lastEventId: string | string[] | undefined,
  after: number | undefined,
): number | null {
  const header = Array.isArray(lastEventId) ? lastEventId[0] : lastEventId;
  if (header !== undefined && header.trim() !== '') {
    if (!/^\d{1,15}$/.test(header.trim()))
      throw new BadRequestException(
        `Last-Event-ID must be the id of a message of this stream (a log position), not ${JSON.stringify(header.slice(0, 40))}`,
      );
    return Number(header.trim());
  }
  return after ?? null;
}
