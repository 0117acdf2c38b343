import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { WrongExpectedRevisionError } from '../event-store/event-store';
import { DomainError } from '../shared-kernel/domain-errors';
import { isUnavailable } from './unavailable';

const STATUS = { invalid: 400, 'not-found': 404, conflict: 409 } as const;
const TITLE = { 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict', 503: 'Service Unavailable' } as Record<
  number,
  string
>;

/**
 * Every error answer has one shape, `{ statusCode, error, message, fields? }`, with a message
 * a person can act on. Domain refusals map to 400/404/409; anything unexpected is logged and
 * answered 500 without internals.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const [status, body] = this.describe(error);
    // Not awaited: the thenable reply settles only once the answer is sent, and catch() is sync anyway.
    void reply.status(status).send(body);
  }

  private describe(error: unknown): [number, Record<string, unknown>] {
    if (error instanceof DomainError) {
      const status = STATUS[error.kind];
      const field = 'field' in error ? (error as { field: string }).field : undefined;
      return [
        status,
        {
          statusCode: status,
          error: TITLE[status],
          message: error.message,
          ...(field && { fields: [{ field, messages: [error.message] }] }),
        },
      ];
    }
    if (error instanceof WrongExpectedRevisionError) {
      return [
        409,
        { statusCode: 409, error: 'Conflict', message: `${error.message}; read the issue again and retry` },
      ];
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const response = error.getResponse();
      const body =
        typeof response === 'string' ? { message: response } : (response as Record<string, unknown>);
      return [status, { statusCode: status, error: TITLE[status] ?? error.name, ...body }];
    }
    if (isUnavailable(error)) {
      this.logger.warn(`store unavailable: ${error instanceof Error ? error.message : String(error)}`);
      return [
        503,
        {
          statusCode: 503,
          error: 'Service Unavailable',
          message:
            'a store the engine needs is unreachable right now; retry shortly (with the same Idempotency-Key, a retry never appends twice)',
        },
      ];
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return [
      500,
      {
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'the engine failed unexpectedly; the error is logged',
      },
    ];
  }
}
