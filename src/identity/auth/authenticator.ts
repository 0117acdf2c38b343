import '@fastify/cookie';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { CLOCK, type Clock } from '../../clock/clock';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store';
import { evolveApiKey, initialApiKeyState, type ApiKeyEvent, type ApiKeyState } from '../domain/api-key';
import { apiKeyStreamId, userStreamId, USERNAME_PATTERN } from '../domain/identity-streams';
import type { UserEvent } from '../domain/user-events';
import { evolveUser, initialUserState, type UserState } from '../domain/user-state';
import { parseApiKey } from './api-key-format';
import type { Principal } from './principal';
import { SESSION_COOKIE } from './session-cookie';
import { SigningKeys } from './signing-keys';
import { StreamFolds } from './stream-folds';
import { TokenRefused } from './tokens';
import { VerifiedTokens } from './verified-tokens';

/** 401 with the header the contract asks for. */
export class NotSignedIn extends UnauthorizedException {
  constructor(message: string) {
    super({ statusCode: 401, error: 'Unauthorized', message });
  }
}

/**
 * Proves who sent a request: `Authorization: Bearer <token>`, `X-Api-Key: <key>`, or the
 * session cookie (in that order). A token's signature and expiry are checked locally (the
 * signature once per token string, the expiry every time); then the user's stream in the
 * shared store must still hold its session at the access version it was issued at, so a
 * sign-out, a disabled user, or a changed role, district or password on any engine ends it
 * at once. A key must exist, not be revoked, and match its stored hash.
 */
@Injectable()
export class Authenticator {
  private readonly users: StreamFolds<UserEvent, UserState>;
  private readonly keys: StreamFolds<ApiKeyEvent, ApiKeyState>;
  /** Signatures already checked; what the user's stream says is still read on every request. */
  private readonly tokens = new VerifiedTokens();

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly signingKeys: SigningKeys,
  ) {
    this.users = new StreamFolds(store, initialUserState, evolveUser);
    this.keys = new StreamFolds(store, initialApiKeyState, evolveApiKey);
  }

  /** @throws NotSignedIn saying what is missing or wrong. */
  async authenticate(request: FastifyRequest): Promise<Principal> {
    const authorization = single(request.headers.authorization);
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match)
        throw new NotSignedIn('Authorization must be "Bearer <token>" with the token POST /auth/login gave');
      return this.fromToken(match[1], 'bearer');
    }
    const apiKey = single(request.headers['x-api-key']);
    if (apiKey !== undefined) return this.fromApiKey(apiKey);
    const cookie = request.cookies?.[SESSION_COOKIE];
    if (cookie) return this.fromToken(cookie, 'cookie');
    throw new NotSignedIn(
      'sign in first: POST /auth/login, then send Authorization: Bearer <accessToken> (or X-Api-Key for a machine client)',
    );
  }

  /** The current state of a user, read through the same cache the token check uses. */
  async user(username: string): Promise<UserState> {
    if (!USERNAME_PATTERN.test(username)) return initialUserState();
    return (await this.users.current(userStreamId(username))).state;
  }

  private async fromToken(token: string, via: 'bearer' | 'cookie'): Promise<Principal> {
    const now = this.clock.now();
    let claims;
    try {
      claims = await this.tokens.verify(token, this.signingKeys.tokenKey(), now);
    } catch (error) {
      if (error instanceof TokenRefused) throw new NotSignedIn(error.message);
      throw error;
    }
    const user = await this.user(claims.username);
    const expiresAt = user.sessions[claims.sessionId];
    if (
      user.status !== 'active' ||
      user.accessVersion !== claims.accessVersion ||
      expiresAt === undefined ||
      expiresAt <= now.toISOString()
    ) {
      throw new NotSignedIn(
        'the token was revoked (signed out, or the account was disabled or changed); sign in again',
      );
    }
    return {
      kind: 'user',
      id: user.username,
      actor: user.username,
      displayName: user.displayName,
      role: user.role,
      district: user.district,
      via,
      sessionId: claims.sessionId,
      expiresAt,
    };
  }

  private async fromApiKey(raw: string): Promise<Principal> {
    const parsed = parseApiKey(raw.trim());
    if (!parsed) throw new NotSignedIn('X-Api-Key is not a key this engine issued');
    const { state } = await this.keys.current(apiKeyStreamId(parsed.keyId));
    const given = createHash('sha256').update(parsed.secret).digest();
    const stored = Buffer.from(state.keyHash, 'hex');
    if (state.status !== 'active' || stored.length !== given.length || !timingSafeEqual(stored, given)) {
      throw new NotSignedIn('the API key is unknown or revoked');
    }
    return {
      kind: 'api-key',
      id: state.keyId,
      actor: `key:${state.keyId}`,
      displayName: state.name,
      role: state.role,
      district: state.district,
      via: 'api-key',
      sessionId: null,
      expiresAt: null,
    };
  }
}

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;
