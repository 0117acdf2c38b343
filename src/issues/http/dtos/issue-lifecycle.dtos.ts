import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { IsPersonField, IsText } from '../../../http/validators';
import { CommandBodyDto } from './command-body.dto';

/** The bodies of the commands on the issue as a whole: escalate, close, reopen. */
export class EscalateIssueDto extends CommandBodyDto {
  @IsPersonField('Who raises the escalation')
  by?: string;

  @IsText('Why it is escalated', 2000)
  reason!: string;
}

export class CloseIssueDto extends CommandBodyDto {
  @IsPersonField('Who crosses the issue off (销号)')
  closedBy?: string;

  @IsText('How it was resolved; with force, why it is closed with items unverified', 4000)
  resolution!: string;

  @ApiPropertyOptional({
    description: 'Close although some remediation items are not verified',
    default: false,
  })
  @IsOptional()
  @IsBoolean({ message: '$property must be true or false' })
  force?: boolean;
}

export class ReopenIssueDto extends CommandBodyDto {
  @IsPersonField('Who reopens it')
  by?: string;

  @IsText('Why it is reopened', 2000)
  reason!: string;
}
