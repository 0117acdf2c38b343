import { SignJWT } from 'jose';
import type { Clock } from '../../src/clock/clock';
import type { TestApp } from '../e2e/test-app';

/** A clock a test moves by hand: the engine reads it wherever it needs "now". */
export interface MovableClock extends Clock {
  advance(ms: number): void;
}

export function movableClock(start = Date.now()): MovableClock {
  let offset = start - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
}

/** The log's head: what a refusal must leave where it was. */
export const headOf = async (t: TestApp): Promise<number> =>
  (await t.anonymous.get('/health')).body.eventStore.headPosition as number;

/** A JWT signed with a key that is not the engine's, claiming whatever a forger likes. */
export const forgedToken = (
  claims: Record<string, unknown>,
  key = 'not-the-engine-key-but-32-chars-long!!',
) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('escalation-engine')
    .setAudience('escalation-engine')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(key));

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The same token with its payload edited (the signature no longer fits). */
export function tamperedPayload(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  change(claims);
  return [header, b64(claims), signature].join('.');
}

/** The token's claims re-sent unsigned, `alg: none`. */
export function unsigned(token: string): string {
  const payload = token.split('.')[1];
  return [b64({ alg: 'none', typ: 'JWT' }), payload, ''].join('.');
}
