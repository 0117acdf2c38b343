import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import { timeOrderedId } from '../../command-handling/time-ordered-id';
import { Access } from '../../identity/access/access.decorator';
import { CurrentPrincipal } from '../../identity/access/current-principal.decorator';
import type { Principal } from '../../identity/auth/principal';
import { deterministicId } from '../../command-handling/idempotency';
import { IssueCommandSender, type CommandAnswer } from './command-sender';
import { ConveneMeetingDto } from './dtos/convene-meeting.dto';
import { CloseIssueDto, EscalateIssueDto, ReopenIssueDto } from './dtos/issue-lifecycle.dtos';
import {
  ApproveExtensionDto,
  AssignRemediationDto,
  CompleteRemediationDto,
  ExtendDeadlineDto,
  RefuseExtensionDto,
  RequestExtensionDto,
  VerifyRemediationDto,
} from './dtos/remediation.dtos';
import type { Sender } from '../domain/issue-commands';
import { ReportIssueDto } from './dtos/report-issue.dto';
import { parseCommandHeaders, type CommandHeaders } from '../../http/request-headers';

type RawHeaders = Record<string, string | string[] | undefined>;

/**
 * The write side of shared/API.md: one route per command. Each route declares what it does
 * in the access policy's terms, maps its body to a domain command (the person fields default
 * to the signed-in principal's display name) and sends it as the principal; the handler does
 * the rest.
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
@ApiResponse({ status: 401, description: 'Not signed in' })
@ApiResponse({ status: 403, description: 'The role or district does not allow it; the rule is named' })
@ApiResponse({ status: 404, description: 'Unknown issue or remediation item' })
@ApiResponse({ status: 409, description: 'The issue state does not allow the command, or If-Match is stale' })
@Controller('issues')
export class IssueCommandsController {
  constructor(private readonly sender: IssueCommandSender) {}

  @Post()
  @HttpCode(201)
  @Access('issue.report', 'new-issue')
  report(
    @Body() body: ReportIssueDto,
    @Headers() raw: RawHeaders,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CommandAnswer> {
    const headers = parseCommandHeaders(raw);
    // With an Idempotency-Key the new issue's id derives from it, so a retry finds the stream.
    const issueId = headers.idempotencyKey
      ? deterministicId('issue', headers.idempotencyKey)
      : timeOrderedId();
    const { occurredAt, reportedBy, ...data } = body;
    return this.send(issueId, headers, 'POST /issues', body, principal, {
      type: 'ReportIssue',
      data: { issueId, ...data, reportedBy: reportedBy ?? principal.displayName },
      metadata: this.sender.metadata(occurredAt),
    });
  }

  @Post(':id/meetings')
  @Access('issue.convene', 'issue')
  convene(
    @Param('id') id: string,
    @Body() body: ConveneMeetingDto,
    @Headers() raw: RawHeaders,
    @CurrentPrincipal() principal: Principal,
  ) {
    const headers = parseCommandHeaders(raw);
    const { occurredAt, heldAt, convenedBy, ...data } = body;
    return this.send(id, headers, `POST /issues/${id}/meetings`, body, principal, {
      type: 'ConveneMeeting',
      data: {
        meetingId: newId(headers, id, 'meeting'),
        heldAt: new Date(heldAt),
        ...data,
        convenedBy: convenedBy ?? principal.displayName,
      },
      metadata: this.sender.metadata(occurredAt),
    });
  }

  @Post(':id/remediations')
  @Access('issue.assign', 'issue')
  assign(
    @Param('id') id: string,
    @Body() body: AssignRemediationDto,
    @Headers() raw: RawHeaders,
    @CurrentPrincipal() principal: Principal,
  ) {
    const headers = parseCommandHeaders(raw);
    const { occurredAt, dueAt, assignedBy, ...data } = body;
    return this.send(id, headers, `POST /issues/${id}/remediations`, body, principal, {
      type: 'AssignRemediation',
      data: {
        remediationId: newId(headers, id, 'remediation'),
        dueAt: new Date(dueAt),
        ...data,
        assignedBy: assignedBy ?? principal.displayName,
      },
      metadata: this.sender.metadata(occurredAt),
    });
  }

  @Post(':id/remediations/:rid/completion')
  @Access('issue.complete', 'issue')
  complete(
    @Param('id') id: string,
    @Param('rid') rid: string,
    @Body() body: CompleteRemediationDto,
    @Headers() raw: RawHeaders,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { occurredAt, reportedBy, ...data } = body;
    return this.send(
      id,
      parseCommandHeaders(raw),
      `POST /issues/${id}/remediations/${rid}/completion`,
      body,
      principal,
      {
        type: 'CompleteRemediation',
        data: { remediationId: rid, ...data, reportedBy: reportedBy ?? principal.displayName },
        metadata: this.sender.metadata(occurredAt),
      },
    );
  }

  @Post(':id/remediations/:rid/verification')
  @Access('issue.verify', 'issue')
  verify(
    @Param('id') id: string,
    @Param('rid') rid: string,
    @Body() body: VerifyRemediationDto,
    @Headers() raw: RawHeaders,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { occurredAt, verifiedBy, ...data } = body;
    return this.send(
      id,
      parseCommandHeaders(raw),
      `POST /issues/${id}/remediations/${rid}/verification`,
      body,
      principal,
      {
        type: 'VerifyRemediation',
        data: { remediationId: rid, ...data, verifiedBy: verifiedBy ?? principal.displayName },
        metadata: this.sender.metadata(occurredAt),
      },
    );
  }

  /** An approver extends alone, where the policy's rule lets them; the approver is the principal. */
  @Post(':id/remediations/:rid/extension')
  @Access('issue.extend', 'issue')
  extend(
    @Param('id') id: string,
    @Param('rid') rid: string,
    @Body() body: ExtendDeadlineDto,
    @Headers() raw: RawHeaders,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { occurredAt, newDueAt, reason } = body;
    return this.send(
      id,
      parseCommandHeaders(raw),
      `POST /issues/${id}/remediations/${rid}/extension`,
      body,
      principal,
      {
        type: 'ExtendDeadline',
        data: { remediationId: rid, newDueAt: new Date(newDueAt), reason, by: senderOf(principal) },
        metadata: this.sender.metadata(occurredAt),
      },
    );
  }

  @Post(':id/remediations/:rid/extension-requests')
  @Access('issue.request-extension', 'issue')
  requestExtension(
    @Param('id') id: string,
    @Param('rid') rid: string,
    @Body() body: RequestExtensionDto,
    @Headers() raw: RawHeaders,
    @CurrentPrincipal() principal: Principal,
  ) {
    const headers = parseCommandHeaders(raw);
    const { occurredAt, newDueAt, reason } = body;
    return this.send(
      id,
      headers,
      `POST /issues/${id}/remediations/${rid}/extension-requests`,
      body,
      principal,
      {
        type: 'RequestExtension',
        data: {
          requestId: newId(headers, id, 'extension-request'),
          remediationId: rid,
          newDueAt: new Date(newDueAt),
          reason,
          by: senderOf(principal),
        },
        metadata: this.sender.metadata(occurredAt),
      },
    );
  }

  @Post(':id/remediations/:rid/extension-requests/:reqId/approval')
  @Access('issue.decide-extension', 'issue')
  approveExtension(
    @Param('id') id: string,
    @Param('rid') rid: string,
    @Param('reqId') reqId: string,
    @Body() body: ApproveExtensionDto,
    @Headers() raw: RawHeaders,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { occurredAt, comment } = body;
    return this.send(
      id,
      parseCommandHeaders(raw),
      `POST /issues/${id}/remediations/${rid}/extension-requests/${reqId}/approval`,
      body,
      principal,
      {
        type: 'ApproveExtension',
        data: { requestId: reqId, remediationId: rid, comment, by: senderOf(principal) },
        metadata: this.sender.metadata(occurredAt),
      },
    );
  }

  @Post(':id/remediations/:rid/extension-requests/:reqId/refusal')
  @Access('issue.decide-extension', 'issue')
  refuseExtension(
    @Param('id') id: string,
    @Param('rid') rid: string,
    @Param('reqId') reqId: string,
    @Body() body: RefuseExtensionDto,
    @Headers() raw: RawHeaders,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { occurredAt, reason } = body;
    return this.send(
      id,
      parseCommandHeaders(raw),
      `POST /issues/${id}/remediations/${rid}/extension-requests/${reqId}/refusal`,
      body,
      principal,
      {
        type: 'RefuseExtension',
        data: { requestId: reqId, remediationId: rid, reason, by: senderOf(principal) },
        metadata: this.sender.metadata(occurredAt),
      },
    );
  }

  @Post(':id/escalations')
  @Access('issue.escalate', 'issue')
  escalate(
    @Param('id') id: string,
    @Body() body: EscalateIssueDto,
    @Headers() raw: RawHeaders,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { occurredAt, by, ...data } = body;
    return this.send(id, parseCommandHeaders(raw), `POST /issues/${id}/escalations`, body, principal, {
      type: 'EscalateIssue',
      data: { ...data, by: by ?? principal.displayName },
      metadata: this.sender.metadata(occurredAt),
    });
  }

  @Post(':id/closure')
  // Closing with items unverified (force) is a rule of its own: only leadership may.
  @Access(
    ({ body }) =>
      (body as { force?: unknown } | null)?.force === true ? 'issue.force-close' : 'issue.close',
    'issue',
  )
  close(
    @Param('id') id: string,
    @Body() body: CloseIssueDto,
    @Headers() raw: RawHeaders,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { occurredAt, closedBy, ...data } = body;
    return this.send(id, parseCommandHeaders(raw), `POST /issues/${id}/closure`, body, principal, {
      type: 'CloseIssue',
      data: { ...data, closedBy: closedBy ?? principal.displayName },
      metadata: this.sender.metadata(occurredAt),
    });
  }

  @Post(':id/reopening')
  @Access('issue.reopen', 'issue')
  reopen(
    @Param('id') id: string,
    @Body() body: ReopenIssueDto,
    @Headers() raw: RawHeaders,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { occurredAt, by, ...data } = body;
    return this.send(id, parseCommandHeaders(raw), `POST /issues/${id}/reopening`, body, principal, {
      type: 'ReopenIssue',
      data: { ...data, by: by ?? principal.displayName },
      metadata: this.sender.metadata(occurredAt),
    });
  }

  private send(
    issueId: string,
    headers: CommandHeaders,
    route: string,
    body: object,
    principal: Principal,
    command: Parameters<IssueCommandSender['send']>[1],
  ): Promise<CommandAnswer> {
    return this.sender.send(issueId, command, principal, headers, { method: 'POST', route, body });
  }
}

/** The sender as the extension rules judge it: the principal, never the body. */
const senderOf = (principal: Principal): Sender => ({
  actor: principal.actor,
  role: principal.role,
  name: principal.displayName,
});

/** The id of a new meeting or remediation item; derived from the Idempotency-Key when given. */
function newId(headers: CommandHeaders, issueId: string, kind: string): string {
  return headers.idempotencyKey ? deterministicId(kind, issueId, headers.idempotencyKey) : timeOrderedId();
}
