/**
 * A query the read store cannot run as asked: a cursor it never gave out, a field name it will
 * not put into SQL. The read store's own refusal (it knows nothing of commands or domains); the
 * HTTP edge answers it 400 naming the field, the same shape as an invalid command.
 */
export class InvalidQueryError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'InvalidQueryError';
  }
}
