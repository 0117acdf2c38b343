import type { KeyObject } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

/** Who issues tokens and for whom: a token of another system (or another use) is not one of ours. */
const ISSUER = 'escalation-engine';
const AUDIENCE = 'escalation-engine';

/** What an access token says: the user, its session, and the access version it was issued at. */
export interface TokenClaims {
  username: string;
  sessionId: string;
  accessVersion: number;
  expiresAt: Date;
}

/** A JWT (HS256, jose) that names a session; the session itself lives in the user's stream. */
export async function issueToken(
  claims: TokenClaims,
  key: KeyObject | Uint8Array,
  now: Date,
): Promise<string> {
  return new SignJWT({ sid: claims.sessionId, ver: claims.accessVersion })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.username)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(claims.expiresAt.getTime() / 1000))
    .sign(key);
}

/** Why a token was not accepted, in words for the 401 answer. */
export class TokenRefused extends Error {}

/**
 * Checks signature (HS256 only: `alg: none` and every other algorithm are refused), issuer,
 * audience and expiry against `now` (the engine's clock, so tests can move it).
 * @throws TokenRefused saying why.
 */
/** The refusal of an expired token, whoever noticed the expiry (jose, or the verified-token memory). */
export const tokenExpired = (): TokenRefused => new TokenRefused('the token has expired; sign in again');

export async function verifyToken(
  token: string,
  key: KeyObject | Uint8Array,
  now: Date,
): Promise<TokenClaims> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: now,
      requiredClaims: ['sub', 'exp', 'sid', 'ver'],
    });
    if (typeof payload.sid !== 'string' || typeof payload.ver !== 'number' || typeof payload.sub !== 'string')
      throw new TokenRefused('the token is not one this engine issued; sign in again');
    return {
      username: payload.sub,
      sessionId: payload.sid,
      accessVersion: payload.ver,
      expiresAt: new Date(payload.exp! * 1000),
    };
  } catch (error) {
    if (error instanceof TokenRefused) throw error;
    if (error instanceof errors.JWTExpired) throw tokenExpired();
    throw new TokenRefused('the token is malformed or not signed by this engine; sign in again');
  }
}
