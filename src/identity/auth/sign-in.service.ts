import { HttpException, Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../../clock/clock';
import { handleCommand } from '../../command-handling/handle-command';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store';
import { signInRefusalsStreamId } from '../domain/identity-streams';
import { unknownSignInStream } from '../domain/stream-types';
import { decideUnknownSignIn, windowStart } from '../domain/unknown-sign-ins';
import { isLockedOut } from '../domain/user-decide';
import { UsersService, userView, type UserView } from '../users/users.service';
import { Authenticator, NotSignedIn } from './authenticator';
import { dummyHash, passwordMatches } from './passwords';
import type { Principal } from './principal';
import { SigningKeys } from './signing-keys';
import { issueToken } from './tokens';

/** One message whether the username exists or not: the answer must not tell them apart. */
const WRONG = 'username or password is wrong';

export class LockedOut extends HttpException {
  constructor(readonly until: string) {
    super(
      {
        statusCode: 429,
        error: 'Too Many Requests',
        message: `too many failed sign-ins for this user: it is locked until ${until}; try again then, or ask an admin to set a new password`,
      },
      429,
    );
  }
}

export interface SignedIn {
  accessToken: string;
  tokenType: 'Bearer';
  expiresAt: string;
  user: Omit<UserView, 'disabled'>;
}

/** What the transport knows about a sign-in besides the credentials. */
export interface SignInRequest {
  address: string;
  correlationId: string;
}

/**
 * Sign-in and sign-out. A sign-in checks the password (argon2id, also for unknown usernames
 * so the timing tells nothing), then records the outcome in the user's stream through the
 * generic command path: a session, or a refusal and, at the fifth refusal in 15 minutes, a
 * lock-out. A locked user is answered 429 without checking the password or recording more.
 */
@Injectable()
export class SignInService {
  private readonly logger = new Logger('Auth');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly authenticator: Authenticator,
    private readonly signingKeys: SigningKeys,
  ) {}

  async signIn(rawUsername: string, password: string, request: SignInRequest): Promise<SignedIn> {
    const username = rawUsername.trim().toLowerCase();
    const state = await this.authenticator.user(username);
    if (state.status === 'absent') {
      await passwordMatches(await dummyHash(), password);
      await this.recordUnknown(rawUsername, request);
      throw new NotSignedIn(WRONG);
    }
    const now = this.clock.now();
    if (isLockedOut(state, now)) throw new LockedOut(state.lockedUntil!);
    const matched = await passwordMatches(state.passwordHash, password);
    const sessionId = randomUUID();
    const expiresAt = new Date(now.getTime() + this.config.auth.tokenTtlMs);
    const outcome = await this.users.send(
      username,
      {
        type: 'RecordSignIn',
        data: {
          passwordMatched: matched,
          checkedHash: state.passwordHash,
          sessionId,
          expiresAt,
          address: request.address,
        },
        metadata: { now },
      },
      {
        // Until the password is right, nobody is proven: the attempt is recorded as anonymous.
        actor: matched ? username : 'anonymous',
        correlationId: request.correlationId,
        causationId: null,
        metadata: matched
          ? { actorRole: state.role, actorDistrict: state.district, address: request.address }
          : { actorRole: null, actorDistrict: null, address: request.address },
      },
    );
    const types = outcome.events.map((e) => e.type);
    if (types.includes('UserSignedIn')) {
      const accessToken = await issueToken(
        { username, sessionId, accessVersion: outcome.state.accessVersion, expiresAt },
        this.signingKeys.tokenKey(),
        now,
      );
      const { disabled: _disabled, ...user } = userView(outcome.state);
      return { accessToken, tokenType: 'Bearer', expiresAt: expiresAt.toISOString(), user };
    }
    // Locked by another request in between: nothing was recorded, the lock answers.
    if (types.length === 0 && isLockedOut(outcome.state, now))
      throw new LockedOut(outcome.state.lockedUntil!);
    throw new NotSignedIn(WRONG);
  }

  /** Ends the session of a token or cookie; an API key is revoked instead (DELETE /api-keys/:id). */
  async signOut(principal: Principal, correlationId: string): Promise<void> {
    if (principal.kind !== 'user' || principal.sessionId === null) return;
    await this.users.send(
      principal.id,
      { type: 'SignOut', data: { sessionId: principal.sessionId }, metadata: { now: this.clock.now() } },
      {
        actor: principal.actor,
        correlationId,
        causationId: null,
        metadata: { actorRole: principal.role, actorDistrict: principal.district },
      },
    );
  }

  /**
   * A refusal for a username nobody has, in the stream of its 15-minute window, within the
   * window's caps. Best effort: under a flood the window's stream is contended, and the answer
   * (401) must not depend on whether the record made it.
   */
  private async recordUnknown(username: string, request: SignInRequest): Promise<void> {
    const now = this.clock.now();
    try {
      await handleCommand(
        this.store,
        signInRefusalsStreamId(windowStart(now)),
        unknownSignInStream,
        (state) =>
          decideUnknownSignIn(
            { type: 'RecordUnknownSignIn', data: { username, address: request.address }, metadata: { now } },
            state,
          ),
        {
          actor: 'anonymous',
          correlationId: request.correlationId,
          causationId: null,
          metadata: { actorRole: null, actorDistrict: null, address: request.address },
        },
        { maxAttempts: 3 },
      );
    } catch (error) {
      this.logger.warn(
        `a refused sign-in for an unknown username was not recorded: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
