import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { IsOptionalText, IsPersonField, IsText, IsTime } from '../../../http/validators';
import { CommandBodyDto } from './command-body.dto';

/** The bodies of the four commands on one remediation item. */
export class AssignRemediationDto extends CommandBodyDto {
  @IsText('The unit responsible for the work', 200, '中建某局何厝项目部')
  responsibleUnit!: string;

  @IsText('What must be done', 2000, '修复责任范围内共用道路并完善排水')
  action!: string;

  @IsTime('When the work is due')
  dueAt!: string;

  @IsPersonField('Who assigned it (the unit acted for)')
  assignedBy?: string;
}

export class CompleteRemediationDto extends CommandBodyDto {
  @IsPersonField('Who reports the work done')
  reportedBy?: string;

  @IsOptionalText('Evidence: photos, documents, a link')
  evidence?: string;
}

export class VerifyRemediationDto extends CommandBodyDto {
  @IsPersonField('Who verified the work')
  verifiedBy?: string;

  @ApiProperty({ description: 'true accepts the work; false rejects it back to the responsible unit' })
  @IsBoolean({ message: '$property must be true or false' })
  accepted!: boolean;

  @IsOptionalText('Why accepted or rejected')
  comment?: string;
}

export class ExtendDeadlineDto extends CommandBodyDto {
  @IsTime('The new due time; must be later than the current one')
  newDueAt!: string;

  @IsText('Why the deadline moves', 2000)
  reason!: string;

  @IsPersonField('Who approved the extension')
  approvedBy?: string;
}
