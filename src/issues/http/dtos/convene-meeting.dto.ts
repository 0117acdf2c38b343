import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsOneOf, IsOptionalText, IsPersonField, IsTime, IsVisible } from '../../../http/validators';
import { MEETING_KINDS, type MeetingKind } from '../../domain/vocabulary';
import { CommandBodyDto } from './command-body.dto';

export class ConveneMeetingDto extends CommandBodyDto {
  @IsOneOf(MEETING_KINDS)
  kind!: MeetingKind;

  @IsTime('When the meeting was held')
  heldAt!: string;

  @IsPersonField('Who convened it')
  convenedBy?: string;

  @ApiProperty({
    type: [String],
    description: 'Who attended (at least one)',
    example: ['思明区建设局', '何厝片区各工地项目部'],
  })
  @IsArray({ message: '$property must be a list of names' })
  @ArrayNotEmpty({ message: '$property must name at least one attendee' })
  @ArrayMaxSize(200)
  @IsString({ each: true, message: 'each of $property must be a string' })
  @IsVisible({ each: true, message: 'each of $property must be a non-blank name' })
  @MaxLength(200, { each: true })
  attendees!: string[];

  @IsOptionalText('What was discussed')
  summary?: string;

  @ApiPropertyOptional({ type: [String], description: 'What was decided' })
  @IsOptional()
  @IsArray({ message: '$property must be a list of decisions' })
  @ArrayMaxSize(200)
  @IsString({ each: true, message: 'each of $property must be a string' })
  @MaxLength(2000, { each: true })
  decisions?: string[];
}
