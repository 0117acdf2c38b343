import { Controller, Get, Inject, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  countIssues,
  foldIssueView,
  getIssueView,
  listIssues,
} from '../../../projections/issue-status/queries';
import { CLOCK, type Clock } from '../../clock/clock';
import { EscalationOutlook } from '../../escalation/escalation-outlook';
import { ESCALATION_POLICY, type EscalationPolicy } from '../../escalation/policy/escalation-policy';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store';
import { AsOfQueryDto, ReadQueryDto } from '../../http/query.dtos';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../../ports/read-model-progress';
import { READ_STORE, type ReadStore } from '../../ports/read-store';
import { issueStreamId } from '../domain/issue-events';
import { upcastIssueEvent } from '../domain/issue-upcasters';
import { toHistoryItem } from '../history-item';
import { nextPageLink, readHistoryPage } from '../history-page';
import { HistoryQueryDto } from './history.query';
import { CountIssuesQueryDto, ListIssuesQueryDto } from './list-issues.query';
import { SignedCursors } from '../../http/signed-cursors';
import { Access } from '../../identity/access/access.decorator';
import { CurrentPrincipal } from '../../identity/access/current-principal.decorator';
import { boardScope } from '../../identity/access/read-scope';
import type { Principal } from '../../identity/auth/principal';
import { withExtensionOutlook } from '../extension-outlook';
import { unknownIssue } from '../unknown-issue';
import { SUSPENSION_BOOK, type SuspensionBook } from '../../suspensions/suspension-book';
import { suspendedNote } from '../../suspensions/suspension-view';

/**
 * The read side for issues. The board and one issue come from the issue-status projection;
 * history and as-of state are read from the log itself, which is the audit's source of truth.
 * The board holds only the reader's district (for district roles); one issue outside it is
 * answered 404 by the access guard before any of this runs.
 */
@ApiTags('queries')
@ApiResponse({ status: 401, description: 'Not signed in' })
@ApiResponse({ status: 404, description: "No such issue, or one outside the reader's district" })
@Controller('issues')
export class IssueQueriesController {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly outlook: EscalationOutlook,
    @Inject(READ_MODEL_PROGRESS) private readonly projections: ReadModelProgress,
    private readonly cursors: SignedCursors,
    @Inject(SUSPENSION_BOOK) private readonly suspensions: SuspensionBook,
    @Inject(ESCALATION_POLICY) private readonly policy: EscalationPolicy,
  ) {}

  @Get()
  @Access('issues.read')
  async list(@Query() query: ListIssuesQueryDto, @CurrentPrincipal() principal: Principal) {
    await this.projections.waitFor(query.minPosition);
    const { minPosition: _, overdue, closed, cursor, ...filters } = query;
    const page = await listIssues(
      this.readStore,
      {
        ...filters,
        cursor: this.cursors.open('issues', cursor),
        ...(overdue !== undefined && { overdue: overdue === 'true' }),
        ...(closed !== undefined && { closed: closed === 'true' }),
      },
      this.clock.now(),
      boardScope(principal),
    );
    // The board flags each issue a suspension (force majeure) holds now or has coming.
    await this.suspensions.refresh();
    const now = this.clock.now();
    const items = page.items.map((item) => ({
      ...item,
      suspended: suspendedNote(
        this.suspensions.periodsFor({ issueId: item.id, district: item.district }),
        now,
      ),
    }));
    return { ...page, items, nextCursor: this.cursors.sign('issues', page.nextCursor) };
  }

  /** The board's counters: open, due soon (yellow), overdue (red), escalated per level. */
  @Get('counts')
  @Access('issues.read')
  async counts(@Query() query: CountIssuesQueryDto, @CurrentPrincipal() principal: Principal) {
    await this.projections.waitFor(query.minPosition);
    const { minPosition: _, ...filters } = query;
    const now = this.clock.now();
    const counts = await countIssues(this.readStore, filters, now, boardScope(principal));
    return { ...counts, asOf: now.toISOString() };
  }

  @Get(':id')
  @Access('issues.read', 'issue')
  async one(@Param('id') id: string, @Query() query: ReadQueryDto) {
    await this.projections.waitFor(query.minPosition);
    const view = await getIssueView(this.readStore, id, this.clock.now());
    // The log has it (the guard checked): the projection has not caught up yet.
    if (!view) throw new NotFoundException(`issue ${id} is not projected yet: pass minPosition`);
    return { ...withExtensionOutlook(view, this.policy), ...(await this.outlook.of(id)) };
  }

  @Get(':id/history')
  @ApiOkResponse({
    description: "The issue's events in order: all of them, or with limit/cursor one page",
    headers: {
      'X-Next-Cursor': { description: 'The cursor of the next page (absent on the last page)' },
      Link: { description: 'rel="next": the next page (absent on the last page)' },
    },
  })
  @Access('issues.read', 'issue')
  async history(
    @Param('id') id: string,
    @Query() query: HistoryQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (query.limit === undefined && query.cursor === undefined)
      return (await this.readIssue(id)).map(toHistoryItem);
    const { events, nextCursor } = await readHistoryPage(this.events, id, query);
    if (events.length === 0 && query.cursor === undefined) throw new NotFoundException(unknownIssue(id));
    if (nextCursor !== null) {
      reply.header('x-next-cursor', nextCursor).header('link', nextPageLink(id, query.limit, nextCursor));
    }
    return events.map(toHistoryItem);
  }

  @Get(':id/state')
  @Access('issues.read', 'issue')
  async state(@Param('id') id: string, @Query() query: AsOfQueryDto) {
    const asOf = new Date(query.asOf);
    const events = (await this.readIssue(id)).filter((event) => new Date(event.recordedAt) <= asOf);
    const view = foldIssueView(events, asOf);
    if (!view) throw new NotFoundException(`issue ${id} was not yet recorded at ${asOf.toISOString()}`);
    return view;
  }

  private async readIssue(id: string) {
    const events = (await this.events.readStream(issueStreamId(id))).map(upcastIssueEvent);
    if (events.length === 0) throw new NotFoundException(unknownIssue(id));
    return events;
  }
}
