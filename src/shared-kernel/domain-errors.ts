/**
 * Why a command was refused. The HTTP layer maps each kind to one status code:
 * invalid → 400 (names the field), forbidden → 403, not-found → 404, conflict → 409. Messages are written for
 * the person who sent the command: what was wrong and, where it helps, what to do instead.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: 'invalid' | 'forbidden' | 'not-found' | 'conflict';
}

/** A value is unacceptable on its own or against the stream (a due time before the report). */
export class InvalidCommandError extends DomainError {
  readonly kind = 'invalid' as const;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'InvalidCommandError';
  }
}

/**
 * A rule of the domain's own data refuses the sender (the policy's extension approvers, the
 * requester who may not approve alone). Who may send a command at all is the access policy's
 * business, decided before the decider runs; this is what only the stream's state can tell.
 */
export class ForbiddenByRuleError extends DomainError {
  readonly kind = 'forbidden' as const;
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenByRuleError';
  }
}

/** The stream the command addresses (an issue, an item of it, a user, a review) does not exist. */
export class NotFoundError extends DomainError {
  readonly kind = 'not-found' as const;
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** The stream's current state does not allow the command (closing a closed issue, ...). */
export class StateConflictError extends DomainError {
  readonly kind = 'conflict' as const;
  constructor(message: string) {
    super(message);
    this.name = 'StateConflictError';
  }
}

/**
 * An automatic check arrived before the time the policy fires it (a clock ahead, a job run
 * early). Nothing is decided; the saga runs the check again at `dueAt`.
 */
export class NotYetDueError extends StateConflictError {
  constructor(
    readonly what: string,
    readonly dueAt: Date,
    now: Date,
  ) {
    super(`${what} is not due until ${dueAt.toISOString()} (now ${now.toISOString()})`);
    this.name = 'NotYetDueError';
  }
}
