import { IsOneOf, IsOptionalText, IsPersonField, IsText } from '../../../http/validators';
import {
  CATEGORIES,
  DISTRICTS,
  SEVERITIES,
  SOURCES,
  type Category,
  type District,
  type Severity,
  type Source,
} from '../../domain/vocabulary';
import { CommandBodyDto } from './command-body.dto';

export class ReportIssueDto extends CommandBodyDto {
  @IsText('Short title of the problem', 200, '何厝片区共用道路破损无人管理')
  title!: string;

  @IsOptionalText('What was found')
  description?: string;

  @IsOneOf(CATEGORIES)
  category!: Category;

  @IsOneOf(SEVERITIES)
  severity!: Severity;

  @IsOneOf(DISTRICTS)
  district!: District;

  @IsOptionalText('Site or project', 300)
  site?: string;

  @IsOneOf(SOURCES)
  source!: Source;

  @IsPersonField('Who reported it (the unit acted for), e.g. 驻思明区工作组')
  reportedBy?: string;
}
