import { StateConflictError } from '../shared-kernel/domain-errors';

/** An If-Match revision the stream has moved past: the client must read again. */
export class StaleRevisionError extends StateConflictError {
  constructor(subject: string, expected: number, actual: number) {
    super(`If-Match: ${subject} is at revision ${actual}, not ${expected}; read it again and retry`);
    this.name = 'StaleRevisionError';
  }
}

/** An Idempotency-Key first used for another request. */
export class IdempotencyKeyReusedError extends StateConflictError {
  constructor(key: string) {
    super(
      `Idempotency-Key "${key}" was already used for a different request; use a new key for a new command`,
    );
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** Every retry met another writer first. */
export class TooManyConflictsError extends StateConflictError {
  constructor(subject: string) {
    super(`${subject} is changing too fast; retry the command`);
    this.name = 'TooManyConflictsError';
  }
}
