import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { deterministicId } from '../../command-handling/idempotency';
import { IssueCommandSender, type CommandAnswer } from './command-sender';
import { ConveneMeetingDto } from './dtos/convene-meeting.dto';
import { CloseIssueDto, EscalateIssueDto, ReopenIssueDto } from './dtos/issue-lifecycle.dtos';
import {
  AssignRemediationDto,
  CompleteRemediationDto,
  ExtendDeadlineDto,
  VerifyRemediationDto,
} from './dtos/remediation.dtos';
import { ReportIssueDto } from './dtos/report-issue.dto';
import { parseCommandHeaders, type CommandHeaders } from './request-headers';

type RawHeaders = Record<string, string | string[] | undefined>;

/**
 * The write side of shared/API.md: one route per command. Each route maps its body to a
 * domain command and names the actor; the handler does the rest.
 */
@ApiTags('commands')
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'A retry with the same key returns the first answer and appends nothing',
})
@ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'The revision the client last saw; 409 if the issue has moved on',
})
@ApiResponse({ status: 400, description: 'Invalid body; every bad field is named' })
@ApiResponse({ status: 404, description: 'Unknown issue or remediation item' })
@ApiResponse({ status: 409, description: 'The issue state does not allow the command, or If-Match is stale' })
@Controller('issues')
export class IssueCommandsController {
  constructor(private readonly sender: IssueCommandSender) {}

  @Post()
  @HttpCode(201)
  report(@Body() body: ReportIssueDto, @Headers() raw: RawHeaders): Promise<CommandAnswer> {
    const headers = parseCommandHeaders(raw);
    // With an Idempotency-Key the new issue's id derives from it, so a retry finds the stream.
    const issueId = headers.idempotencyKey ? deterministicId('issue', headers.idempotencyKey) : randomUUID();
    const { occurredAt, ...data } = body;
    return this.send(issueId, headers, 'POST /issues', body, body.reportedBy, {
      type: 'ReportIssue',
      data: { issueId, ...data },
      metadata: this.sender.metadata(occurredAt),
    });
  }

  @Post(':id/meetings')
  convene(@Param('id') id: string, @Body() body: ConveneMeetingDto, @Headers() raw: RawHeaders) {
    const headers = parseCommandHeaders(raw);
    const { occurredAt, heldAt, ...data } = body;
    return this.send(id, headers, `POST /issues/${id}/meetings`, body, body.convenedBy, {
      type: 'ConveneMeeting',
      data: { meetingId: newId(headers, id, 'meeting'), heldAt: new Date(heldAt), ...data },
      metadata: this.sender.metadata(occurredAt),
    });
  }

  @Post(':id/remediations')
  assign(@Param('id') id: string, @Body() body: AssignRemediationDto, @Headers() raw: RawHeaders) {
    const headers = parseCommandHeaders(raw);
    const { occurredAt, dueAt, ...data } = body;
    return this.send(id, headers, `POST /issues/${id}/remediations`, body, body.assignedBy, {
      type: 'AssignRemediation',
      data: { remediationId: newId(headers, id, 'remediation'), dueAt: new Date(dueAt), ...data },
      metadata: this.sender.metadata(occurredAt),
    });
  }

  @Post(':id/remediations/:rid/completion')
  complete(
    @Param('id') id: string,
    @Param('rid') rid: string,
    @Body() body: CompleteRemediationDto,
    @Headers() raw: RawHeaders,
  ) {
    const { occurredAt, ...data } = body;
    return this.send(
      id,
      parseCommandHeaders(raw),
      `POST /issues/${id}/remediations/${rid}/completion`,
      body,
      body.reportedBy,
      {
        type: 'CompleteRemediation',
        data: { remediationId: rid, ...data },
        metadata: this.sender.metadata(occurredAt),
      },
    );
  }

  @Post(':id/remediations/:rid/verification')
  verify(
    @Param('id') id: string,
    @Param('rid') rid: string,
    @Body() body: VerifyRemediationDto,
    @Headers() raw: RawHeaders,
  ) {
    const { occurredAt, ...data } = body;
    return this.send(
      id,
      parseCommandHeaders(raw),
      `POST /issues/${id}/remediations/${rid}/verification`,
      body,
      body.verifiedBy,
      {
        type: 'VerifyRemediation',
        data: { remediationId: rid, ...data },
        metadata: this.sender.metadata(occurredAt),
      },
    );
  }

  @Post(':id/remediations/:rid/extension')
  extend(
    @Param('id') id: string,
    @Param('rid') rid: string,
    @Body() body: ExtendDeadlineDto,
    @Headers() raw: RawHeaders,
  ) {
    const { occurredAt, newDueAt, ...data } = body;
    return this.send(
      id,
      parseCommandHeaders(raw),
      `POST /issues/${id}/remediations/${rid}/extension`,
      body,
      body.approvedBy,
      {
        type: 'ExtendDeadline',
        data: { remediationId: rid, newDueAt: new Date(newDueAt), ...data },
        metadata: this.sender.metadata(occurredAt),
      },
    );
  }

  @Post(':id/escalations')
  escalate(@Param('id') id: string, @Body() body: EscalateIssueDto, @Headers() raw: RawHeaders) {
    const { occurredAt, ...data } = body;
    return this.send(id, parseCommandHeaders(raw), `POST /issues/${id}/escalations`, body, body.by, {
      type: 'EscalateIssue',
      data,
      metadata: this.sender.metadata(occurredAt),
    });
  }

  @Post(':id/closure')
  close(@Param('id') id: string, @Body() body: CloseIssueDto, @Headers() raw: RawHeaders) {
    const { occurredAt, ...data } = body;
    return this.send(id, parseCommandHeaders(raw), `POST /issues/${id}/closure`, body, body.closedBy, {
      type: 'CloseIssue',
      data,
      metadata: this.sender.metadata(occurredAt),
    });
  }

  @Post(':id/reopening')
  reopen(@Param('id') id: string, @Body() body: ReopenIssueDto, @Headers() raw: RawHeaders) {
    const { occurredAt, ...data } = body;
    return this.send(id, parseCommandHeaders(raw), `POST /issues/${id}/reopening`, body, body.by, {
      type: 'ReopenIssue',
      data,
      metadata: this.sender.metadata(occurredAt),
    });
  }

  private send(
    issueId: string,
    headers: CommandHeaders,
    route: string,
    body: object,
    actor: string,
    command: Parameters<IssueCommandSender['send']>[1],
  ): Promise<CommandAnswer> {
    return this.sender.send(issueId, command, actor.trim(), headers, { method: 'POST', route, body });
  }
}

/** The id of a new meeting or remediation item; derived from the Idempotency-Key when given. */
function newId(headers: CommandHeaders, issueId: string, kind: string): string {
  return headers.idempotencyKey ? deterministicId(kind, issueId, headers.idempotencyKey) : randomUUID();
}
