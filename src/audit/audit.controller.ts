import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { queryAudit } from '../../projections/audit-index/queries';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import { SignedCursors } from '../http/signed-cursors';
import { may } from '../identity/access/access-policy';
import { Access } from '../identity/access/access.decorator';
import { CurrentPrincipal } from '../identity/access/current-principal.decorator';
import { auditScope } from '../identity/access/read-scope';
import type { Principal } from '../identity/auth/principal';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../ports/read-model-progress';
import { READ_STORE, type ReadStore } from '../ports/read-store';
import { AuditQueryDto } from './audit.query';

/**
 * Every fact the reader may see, filtered by who, what, where and when (occurredAt): issue
 * facts for the roles that read issues (a district role its district's), users, keys and
 * sign-ins for admin and supervisor.
 */
@ApiTags('queries')
@Controller('audit')
export class AuditController {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_PROGRESS) private readonly projections: ReadModelProgress,
    private readonly cursors: SignedCursors,
  ) {}

  @Get()
  @Access((_request, principal) => (may(principal.role, 'audit.issues') ? 'audit.issues' : 'audit.identity'))
  async audit(@Query() query: AuditQueryDto, @CurrentPrincipal() principal: Principal) {
    await this.projections.waitFor(query.minPosition);
    const { minPosition: _, from, to, cursor, ...filters } = query;
    const bounds = { from: from && new Date(from).toISOString(), to: to && new Date(to).toISOString() };
    if (bounds.from && bounds.to && bounds.from >= bounds.to) {
      throw new BadRequestException({
        message: 'from must be earlier than to',
        fields: [{ field: 'from', messages: ['from must be earlier than to'] }],
      });
    }
    const page = await queryAudit(
      this.readStore,
      this.events,
      { ...filters, ...bounds, cursor: this.cursors.open('audit', cursor) },
      auditScope(principal),
    );
    return { ...page, nextCursor: this.cursors.sign('audit', page.nextCursor) };
  }
}
