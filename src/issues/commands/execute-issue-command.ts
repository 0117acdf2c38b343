import type { IssueCommand } from '../domain/issue-commands';
import type { CommandContext } from '../../command-handling/command-context';

/**
 * The one @nestjs/cqrs command of the issue feature: any domain command against one issue's
 * stream. One handler serves all of them because the work is the same for each (load,
 * decide, append); what differs lives in the pure `decideIssue`.
 */
export class ExecuteIssueCommand {
  constructor(
    readonly issueId: string,
    readonly command: IssueCommand,
    readonly context: CommandContext,
  ) {}
}

/** The answer to a command (shared/API.md): where the stream and the log stand after it. */
export interface CommandResult {
  issueId: string;
  revision: number;
  position: number;
  /** The events the command appended (or, for a replayed Idempotency-Key, had appended). */
  events: Array<{ type: string; data: Record<string, unknown> }>;
  /** True when an Idempotency-Key matched an earlier command and nothing was appended. */
  replayed: boolean;
}
