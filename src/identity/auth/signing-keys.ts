import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { CLOCK, type Clock } from '../../clock/clock';
import { handleCommand } from '../../command-handling/handle-command';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store';
import { SIGNING_KEY_STREAM } from '../domain/identity-streams';
import { decideSigningKey, signingKeyStream } from '../domain/signing-key';

/**
 * The keys this engine signs and checks with, all derived from one secret: AUTH_SIGNING_KEY
 * when set, otherwise the one kept in the shared event store (created by the first engine).
 * Never from this engine's own folder alone, so engines sharing a store accept each other's
 * tokens and cursors.
 */
@Injectable()
export class SigningKeys implements OnModuleInit {
  private readonly logger = new Logger('Auth');
  private secret: Buffer | null = null;
  /**
   * Derived once per secret: HKDF and the KeyObject jose builds from raw bytes cost ~0.1 ms,
   * which every signed-in request paid before (the secret never changes while running).
   */
  private derived: { token: KeyObject; cursor: Buffer } | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.auth.signingKey) {
      this.secret = Buffer.from(this.config.auth.signingKey, 'utf8');
      return;
    }
    const outcome = await handleCommand(
      this.store,
      SIGNING_KEY_STREAM,
      signingKeyStream,
      (state) => decideSigningKey(state, randomBytes(32).toString('base64url'), this.clock.now()),
      { actor: 'system:auth', correlationId: 'signing-key', causationId: null },
    );
    if (outcome.events.length > 0)
      this.logger.log(
        'generated a token signing key and stored it in the event store (set AUTH_SIGNING_KEY to choose one)',
      );
    this.secret = Buffer.from(outcome.state.key!, 'base64url');
  }

  /** The HS256 key of access tokens. */
  tokenKey(): KeyObject {
    return this.keys().token;
  }

  /** The HMAC key that signs page cursors. */
  cursorKey(): Buffer {
    return this.keys().cursor;
  }

  private keys(): { token: KeyObject; cursor: Buffer } {
    if (!this.secret) throw new Error('the signing key is not loaded yet');
    this.derived ??= {
      token: createSecretKey(Buffer.from(this.derive(this.secret, 'escalation-engine access token'))),
      cursor: Buffer.from(this.derive(this.secret, 'escalation-engine page cursor')),
    };
    return this.derived;
  }

  private derive(secret: Buffer, purpose: string): ArrayBuffer {
    return hkdfSync('sha256', secret, Buffer.alloc(0), purpose, 32);
  }
}
