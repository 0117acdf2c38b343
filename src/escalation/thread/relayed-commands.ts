import type { CommandContext } from '../../command-handling/command-context';
import { ExecuteIssueCommand, type CommandResult } from '../../issues/commands/execute-issue-command';
import type { IssueCommand } from '../../issues/domain/issue-commands';
import { DomainError, NotYetDueError } from '../../shared-kernel/domain-errors';

/** The scheduler's worker asks the main thread to run a check's command. */
export interface CommandRequest {
  type: 'execute';
  id: number;
  issueId: string;
  command: IssueCommand;
  context: CommandContext;
}

/**
 * Why the main thread's handler refused or failed a command, as plain data: an Error crossing
 * a thread keeps its message but not its class, and the check worker decides by the class
 * (a refusal is poison, a conflict or an outage is retried, "not yet due" waits).
 */
export interface CommandRefusal {
  message: string;
  /** The domain's reason; none for an outage or a bug, which the worker retries. */
  kind?: DomainError['kind'];
  /** For a check that came early: what, and when it is due. */
  notYetDue?: { what: string; dueAt: Date };
}

/** The main thread's answer to a `CommandRequest`. */
export type CommandAnswer =
  | { type: 'executed'; id: number; result: CommandResult }
  | { type: 'refused'; id: number; refusal: CommandRefusal };

/** A refusal of the domain as the worker's side sees it again: its kind, and its message. */
class RelayedDomainError extends DomainError {
  constructor(
    readonly kind: DomainError['kind'],
    message: string,
  ) {
    super(message);
    this.name = 'RelayedDomainError';
  }
}

export function refusalOf(error: unknown): CommandRefusal {
  if (!(error instanceof Error)) return { message: String(error) };
  if (error instanceof NotYetDueError)
    return { message: error.message, kind: error.kind, notYetDue: { what: error.what, dueAt: error.dueAt } };
  if (error instanceof DomainError) return { message: error.message, kind: error.kind };
  return { message: error.message };
}

/** The error the worker's check processor decides by, rebuilt from a refusal. */
export function errorOf(refusal: CommandRefusal, now: Date): Error {
  if (refusal.notYetDue) {
    const error = new NotYetDueError(refusal.notYetDue.what, refusal.notYetDue.dueAt, now);
    // The main thread's own words, with its clock's "now".
    error.message = refusal.message;
    return error;
  }
  if (refusal.kind) return new RelayedDomainError(refusal.kind, refusal.message);
  return new Error(refusal.message);
}

/**
 * The worker's side: each command goes to the main thread, whose one command handler runs
 * it (the event store is written by the main thread alone, where the group commit and the
 * aggregate cache are); the promise settles with the answer, the refusal rebuilt as an error.
 */
export class CommandRelay {
  private next = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (r: CommandResult) => void; reject: (e: Error) => void }
  >();

  constructor(
    private readonly send: (request: CommandRequest) => void,
    private readonly now: () => Date,
  ) {}

  execute(command: ExecuteIssueCommand): Promise<CommandResult> {
    const id = this.next++;
    return new Promise<CommandResult>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.send({
        type: 'execute',
        id,
        issueId: command.issueId,
        command: command.command,
        context: command.context,
      });
    });
  }

  /** Settles the request an answer is for. */
  answered(answer: CommandAnswer): void {
    const waiting = this.waiting.get(answer.id);
    if (!waiting) return;
    this.waiting.delete(answer.id);
    if (answer.type === 'executed') waiting.resolve(answer.result);
    else waiting.reject(errorOf(answer.refusal, this.now()));
  }
}

/** The main thread's side: runs a relayed command and answers with its result or its refusal. */
export async function answerCommand(
  request: CommandRequest,
  execute: (command: ExecuteIssueCommand) => Promise<CommandResult>,
  reply: (answer: CommandAnswer) => void,
): Promise<void> {
  const { id } = request;
  try {
    const result = await execute(new ExecuteIssueCommand(request.issueId, request.command, request.context));
    reply({ type: 'executed', id, result });
  } catch (error) {
    reply({ type: 'refused', id, refusal: refusalOf(error) });
  }
}
