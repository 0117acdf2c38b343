import { ApiHideProperty, ApiProperty } from '@nestjs/swagger';
import { Equals, IsBoolean } from 'class-validator';
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

/**
 * The approver of an extension is the signed-in principal, whose role the policy's rule
 * judges; a body naming somebody else would record an approval nobody gave. Refused with a
 * 400 that says so, rather than ignored, so a client that sends it learns it is not recorded.
 */
const APPROVER_FROM_IDENTITY = (field: string) =>
  Equals(undefined, {
    message: `${field} is not taken from the body: the signed-in principal is recorded, and the policy's extension rule judges its role; leave ${field} out`,
  });

export class ExtendDeadlineDto extends CommandBodyDto {
  @IsTime('The new due time; must be later than the current one')
  newDueAt!: string;

  @IsText('Why the deadline moves', 2000)
  reason!: string;

  @ApiHideProperty()
  @APPROVER_FROM_IDENTITY('approvedBy')
  approvedBy?: never;
}

/** Asking for more time: the requester is the signed-in principal. */
export class RequestExtensionDto extends CommandBodyDto {
  @IsTime('The due time asked for; must be later than the current one')
  newDueAt!: string;

  @IsText('Why more time is needed', 2000, '连续降雨，围挡基础无法施工')
  reason!: string;

  @ApiHideProperty()
  @APPROVER_FROM_IDENTITY('requestedBy')
  requestedBy?: never;
}

/** Granting a request: the approver is the signed-in principal. */
export class ApproveExtensionDto extends CommandBodyDto {
  @IsOptionalText('A note on the approval')
  comment?: string;

  @ApiHideProperty()
  @APPROVER_FROM_IDENTITY('approvedBy')
  approvedBy?: never;
}

/** Turning a request down: the reason is required, the refuser is the signed-in principal. */
export class RefuseExtensionDto extends CommandBodyDto {
  @IsText('Why the request is refused', 2000)
  reason!: string;

  @ApiHideProperty()
  @APPROVER_FROM_IDENTITY('refusedBy')
  refusedBy?: never;
}
