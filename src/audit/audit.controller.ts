import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { queryAudit } from '../../projections/audit-index/queries';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../ports/read-model-progress';
import { READ_STORE, type ReadStore } from '../ports/read-store';
import { AuditQueryDto } from './audit.query';

/** Every fact across all issues, filtered by who, what, where and when (occurredAt). */
@ApiTags('queries')
@Controller('audit')
export class AuditController {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(READ_MODEL_PROGRESS) private readonly projections: ReadModelProgress,
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
