import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { BOOLEAN_STRINGS, IsBooleanString, PageQueryDto } from '../../http/query.dtos';
import { IsOneOf, IsOptionalText, IsText, IsTime } from '../../http/validators';
import { DISTRICTS } from '../../issues/domain/vocabulary';
import { SCOPE_KINDS } from '../domain/suspension-scope';

export class ApproveSuspensionDto {
  @IsOneOf(SCOPE_KINDS, 'What is suspended: one issue (issueId), one district (district), or the city')
  scope!: string;

  @ApiPropertyOptional({ description: 'The issue, for scope issue' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  issueId?: string;

  @ApiPropertyOptional({
    enum: DISTRICTS as unknown as string[],
    description: 'The district, for scope district',
  })
  @IsOptional()
  @IsIn([...DISTRICTS], { message: `$property must be one of: ${DISTRICTS.join(', ')}` })
  district?: string;

  @IsTime('When deadlines stop (defaults to now; not in the past)', false)
  from?: string;

  @IsTime('When deadlines run on again (at most 31 days after from)')
  until!: string;

  @IsText('Why: the force majeure, e.g. 台风预警 or 暴雨停工', 500, '台风“杜苏芮”红色预警，全市工地停工')
  reason!: string;

  @IsOptionalText('Who approves it: the office or person acted for (default: your display name)', 200)
  approvedBy?: string;

  @IsTime('When it was decided (defaults to now)', false)
  occurredAt?: string;
}

export class LiftSuspensionDto {
  @IsText('Why work resumes early, e.g. 预警解除，复工', 500)
  reason!: string;

  @IsOptionalText('Who lifts it (default: your display name)', 200)
  liftedBy?: string;

  @IsTime('When it was decided (defaults to now)', false)
  occurredAt?: string;
}

export class ListSuspensionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: BOOLEAN_STRINGS,
    description: 'true: only those in force or still to come; false: only those over',
  })
  @IsOptional()
  @IsBooleanString()
  current?: string;
}
