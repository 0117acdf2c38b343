import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { queryAudit } from '../../projections/audit-index/queries';
import { ProjectionsService } from '../projections-runner/projections.service';
import { READ_STORE, type ReadStore } from '../read-store/read-store';
import { AuditQueryDto } from './audit.query';

/** Every fact across all issues, filtered by who, what, where and when (occurredAt). */
@ApiTags('queries')
@Controller('audit')
export class AuditController {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly projections: ProjectionsService,
  ) {}

  @Get()
  async audit(@Query() query: AuditQueryDto) {
    await this.projections.waitFor(query.minPosition);
    const { minPosition: _, from, to, ...filters } = query;
    const bounds = { from: from && new Date(from).toISOString(), to: to && new Date(to).toISOString() };
    if (bounds.from && bounds.to && bounds.from >= bounds.to) {
      throw new BadRequestException({
        message: 'from must be earlier than to',
        fields: [{ field: 'from', messages: ['from must be earlier than to'] }],
      });
    }
    return queryAudit(this.readStore, { ...filters, ...bounds });
  }
}
