import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { PassThrough, Readable } from 'node:stream';
import { parsePeriod } from '../../projections/group-performance/queries';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import { PerformanceService } from '../groups/performance/performance.service';
import { WORK_GROUPS, type WorkGroup } from '../groups/work-groups';
import { ReadQueryDto } from '../http/query.dtos';
import { Access } from '../identity/access/access.decorator';
import { CurrentPrincipal } from '../identity/access/current-principal.decorator';
import { boardScope } from '../identity/access/read-scope';
import type { Principal } from '../identity/auth/principal';
import { LOG_FOLDS, type LogFoldsPort } from '../ports/log-folds';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../ports/read-model-progress';
import { READ_STORE, type ReadStore } from '../ports/read-store';
import { readReview } from '../reviews/http/review-queries.controller';
import type { ReviewView } from '../reviews/review-view';
import { printPage } from './print-page';
import { RANKING_SHEET, workbookSheets, type WorkbookInput } from './review-sheets';
import { csvLines } from './write-csv';
import { writeXlsx } from './write-xlsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

class ExportQueryDto extends ReadQueryDto {
  @IsString({ message: 'period is required: a year 2023, a quarter 2023-Q2, a month 2023-05 or a day' })
  period!: string;
}

/** `attachment` with an ASCII fallback name and the Chinese one (RFC 6266). */
const disposition = (ascii: string, name: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/**
 * The reviews and the rankings as a meeting takes them: workbook (one sheet per view), CSV of
 * the ranking, and a printable page. A review's sheets read the read models folded to the
 * log position the review froze, so later events and rebuilds never change them. Read like
 * the reviews (`reviews.read`: the bureau's roles, not admin); the issue sheets hold only the
 * issues the reader may see, like the board (a district role: its district's).
 */
@ApiTags('exports')
@ApiResponse({ status: 401, description: 'Not signed in' })
@Controller()
export class ExportsController {
  private readonly names: Map<string, string>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(WORK_GROUPS) groups: WorkGroup[],
    @Inject(LOG_FOLDS) private readonly folds: LogFoldsPort,
    private readonly performance: PerformanceService,
    @Inject(READ_MODEL_PROGRESS) private readonly projections: ReadModelProgress,
  ) {
    this.names = new Map(groups.map((g) => [g.district, g.name]));
  }

  @Get('reviews/:id/export.xlsx')
  @ApiProduces(XLSX)
  @Access('reviews.read')
  async reviewXlsx(
    @Param('id') id: string,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() principal: Principal,
  ) {
    const review = await readReview(this.store, id);
    const input = await this.reviewInput(review, principal);
    return this.sendXlsx(reply, `review-${review.period}.xlsx`, `${review.title}.xlsx`, input);
  }

  @Get('reviews/:id/export.csv')
  @ApiProduces('text/csv')
  @Access('reviews.read')
  async reviewCsv(
    @Param('id') id: string,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() principal: Principal,
  ) {
    const review = await readReview(this.store, id);
    const sheets = workbookSheets(await this.reviewInput(review, principal));
    const ranking = sheets.find((s) => s.name === RANKING_SHEET)!;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', disposition(`review-${review.period}.csv`, `${review.title}-排名.csv`))
      .send(Readable.from(csvLines(ranking)));
  }

  @Get('reviews/:id/print')
  @ApiProduces('text/html')
  @Access('reviews.read')
  async reviewPrint(@Param('id') id: string, @Res() reply: FastifyReply) {
    const review = await readReview(this.store, id);
    return reply.header('content-type', 'text/html; charset=utf-8').send(
      printPage({
        ...review,
        rows: review.rows,
        groupName: (d) => this.names.get(d) ?? d,
      }),
    );
  }

  @Get('groups/performance/export.xlsx')
  @ApiProduces(XLSX)
  @Access('reviews.read')
  async periodXlsx(
    @Query() query: ExportQueryDto,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { key, kind } = parsePeriod(query.period);
    await this.projections.waitFor(query.minPosition);
    const ranking = await this.performance.now(key);
    const title = kind === 'month' ? `${key} 市区联动月度工作汇总` : `${key} 市区联动工作汇总`;
    return this.sendXlsx(reply, `performance-${key}.xlsx`, `${title}.xlsx`, {
      title,
      period: key,
      asOf: ranking.asOf,
      rows: ranking.rows,
      formula: ranking.formula,
      appeals: [],
      source: this.readStore,
      issueScope: boardScope(principal),
      groupName: (d) => this.names.get(d) ?? d,
    });
  }

  private async reviewInput(review: ReviewView, reader: Principal): Promise<WorkbookInput> {
    const fold = await this.folds.fold({ position: review.position });
    return {
      title: review.title,
      period: review.period,
      asOf: review.asOf,
      rows: review.rows,
      formula: review.formula,
      appeals: review.appeals,
      source: fold.store,
      issueScope: boardScope(reader),
      groupName: (d) => this.names.get(d) ?? d,
    };
  }

  private sendXlsx(reply: FastifyReply, ascii: string, name: string, input: WorkbookInput) {
    const out = new PassThrough();
    // The workbook streams into the answer as it is written; a failure cuts the download short.
    writeXlsx(out, workbookSheets(input), {
      creator: '市建设局 市区联动',
      created: new Date(input.asOf),
    }).then(
      () => out.end(),
      (error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))),
    );
    return reply
      .header('content-type', XLSX)
      .header('content-disposition', disposition(ascii, name))
      .send(out);
  }
}
