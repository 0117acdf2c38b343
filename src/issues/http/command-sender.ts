import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../../clock/clock';
import { commandContext, commandMetadata } from '../../http/command-route';
import type { Principal } from '../../identity/auth/principal';
import type { CommandMetadata, IssueCommand } from '../domain/issue-commands';
import { ExecuteIssueCommand, type CommandResult } from '../commands/execute-issue-command';
import type { CommandHeaders } from '../../http/request-headers';

/** What a command route answers (shared/API.md), plus the id of anything it created. */
export interface CommandAnswer {
  issueId: string;
  revision: number;
  position: number;
  meetingId?: string;
  remediationId?: string;
  /** The new extension request's id (POST …/extension-requests). */
  requestId?: string;
  replayed?: boolean;
}

/**
 * Turns an HTTP request into an `ExecuteIssueCommand`: reads the clock once, defaults
 * `occurredAt` to now, builds the generic command context (the signed-in principal as the
 * actor, its role and district in every event's metadata, the headers), and shapes the answer.
 */
@Injectable()
export class IssueCommandSender {
  constructor(
    private readonly bus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  metadata(occurredAt: string | undefined): CommandMetadata {
    return commandMetadata(this.clock.now(), occurredAt);
  }

  async send(
    issueId: string,
    command: IssueCommand,
    principal: Principal,
    headers: CommandHeaders,
    request: { method: string; route: string; body: unknown },
  ): Promise<CommandAnswer> {
    const context = commandContext(headers, principal, request);
    const result: CommandResult = await this.bus.execute(new ExecuteIssueCommand(issueId, command, context));
    const created = result.events[0]?.data ?? {};
    return {
      issueId: result.issueId,
      revision: result.revision,
      position: result.position,
      ...(typeof created.meetingId === 'string' && { meetingId: created.meetingId }),
      ...(typeof created.remediationId === 'string' &&
        result.events[0].type === 'RemediationAssigned' && {
          remediationId: created.remediationId,
        }),
      ...(typeof created.requestId === 'string' &&
        result.events[0].type === 'ExtensionRequested' && { requestId: created.requestId }),
      ...(result.replayed && { replayed: true }),
    };
  }
}
