import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { WrongExpectedRevisionError } from '../event-store/event-store';
import { InvalidQueryError } from '../ports/invalid-query-error';
import { DomainError } from '../shared-kernel/domain-errors';
import { isUnavailable } from './unavailable';

const STATUS = { invalid: 400, forbidden: 403, 'not-found': 404, conflict: 409 } as const;
/** The `error` title of each status the engine answers; nothing falls back to a class name. */
const TITLE: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** What a 415 says: the one media type the API takes. */
const ONLY_JSON = 'only application/json bodies are accepted; send Content-Type: application/json';

/**
 * Every error answer has one shape, `{ statusCode, error, message, fields? }`, with a message
 * a person can act on. Domain refusals map to 400/403/404/409, a query the read store refuses (a
 * foreign cursor) to 400; anything unexpected is logged and answered 500 without internals.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const [status, body] = this.describe(error);
    // The contract's 401 says how to authenticate.
    if (status === 401) void reply.header('www-authenticate', 'Bearer');
    // Not awaited: the thenable reply settles only once the answer is sent, and catch() is sync anyway.
    void reply.status(status).send(body);
  }

  private describe(error: unknown): [number, Record<string, unknown>] {
    if (error instanceof DomainError) {
      const field = 'field' in error ? (error as { field: string }).field : undefined;
      return refusal(STATUS[error.kind], error.message, field);
    }
    if (error instanceof InvalidQueryError) return refusal(400, error.message, error.field);
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
      const message = status === 415 ? ONLY_JSON : body.message;
      return [status, { statusCode: status, ...body, error: TITLE[status] ?? 'Error', message }];
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

/** A refusal's answer; one naming a field lists it in `fields`, as validation errors do. */
function refusal(
  status: number,
  message: string,
  field: string | undefined,
): [number, Record<string, unknown>] {
  return [
    status,
    {
      statusCode: status,
      error: TITLE[status],
      message,
      ...(field && { fields: [{ field, messages: [message] }] }),
    },
  ];
}
