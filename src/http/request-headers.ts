import { BadRequestException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

/** The headers a command may carry (shared/API.md), parsed and checked. */
export interface CommandHeaders {
  idempotencyKey?: string;
  expectedRevision?: number;
  correlationId: string;
  causationId: string | null;
}

type Headers = Record<string, string | string[] | undefined>;

const single = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export function parseCommandHeaders(headers: Headers): CommandHeaders {
  const idempotencyKey = single(headers, 'idempotency-key')?.trim();
  if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) {
    throw new BadRequestException('Idempotency-Key must be 1 to 200 visible ASCII characters, e.g. a UUID');
  }
  const ifMatch = single(headers, 'if-match')?.trim();
  let expectedRevision: number | undefined;
  if (ifMatch !== undefined && ifMatch !== '') {
    // Accept a bare revision and the ETag forms "3" and W/"3" that GET /issues/:id returns.
    const match = /^(?:W\/)?"?(-?\d+)"?$/.exec(ifMatch);
    if (!match)
      throw new BadRequestException(
        `If-Match must be the issue's revision number, e.g. If-Match: 3 (got "${ifMatch}")`,
      );
    expectedRevision = Number(match[1]);
  }
  const correlationId = single(headers, 'x-correlation-id')?.trim() || randomUUID();
  const causationId = single(headers, 'x-causation-id')?.trim() || null;
  return { idempotencyKey: idempotencyKey || undefined, expectedRevision, correlationId, causationId };
}
