import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import { InvalidCommandError, StateConflictError } from '../shared-kernel/domain-errors';
import { userStreamId } from './domain/identity-streams';
import { checkPassword } from './domain/password-rule';
import { generatePassword } from './auth/passwords';
import { UsersService } from './users/users.service';

export const INITIAL_ADMIN = 'admin';
export const INITIAL_ADMIN_FILE = 'initial-admin-password';

/**
 * A fresh engine (no `admin` account in the store) creates `admin` with a random password,
 * writes it to DATA_DIR/initial-admin-password (readable by its owner only) and says where in
 * its start log, never the password itself; ADMIN_PASSWORD sets the password instead. When
 * several engines start together on one store, one creates the account and only that one
 * writes a file.
 */
@Injectable()
export class InitialAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('Identity');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly users: UsersService,
  ) {}

  /** Where the generated password is written. */
  get passwordFile(): string {
    return path.join(this.config.dataDir, INITIAL_ADMIN_FILE);
  }

  async onApplicationBootstrap(): Promise<void> {
    const [existing] = await this.store.readStream(userStreamId(INITIAL_ADMIN), { maxCount: 1 });
    if (existing) {
      if (fs.existsSync(this.passwordFile))
        this.logger.log(
          `the initial admin password is in ${this.passwordFile} (delete the file once it is changed)`,
        );
      return;
    }
    const given = this.config.auth.adminPassword;
    if (given !== null) {
      try {
        checkPassword(given, 'ADMIN_PASSWORD');
      } catch (error) {
        if (error instanceof InvalidCommandError) throw new Error(error.message, { cause: error });
        throw error;
      }
    }
    const password = given ?? generatePassword();
    try {
      await this.users.create(
        { username: INITIAL_ADMIN, displayName: 'Administrator', role: 'admin', password },
        {
          actor: 'system:bootstrap',
          correlationId: 'initial-admin',
          causationId: null,
          metadata: { actorRole: 'system', actorDistrict: null },
        },
      );
    } catch (error) {
      // Another engine on the same store was first: its password, its file.
      if (error instanceof StateConflictError) return;
      throw error;
    }
    if (given !== null) {
      this.logger.log(`created user ${INITIAL_ADMIN} with the password from ADMIN_PASSWORD`);
      return;
    }
    fs.mkdirSync(this.config.dataDir, { recursive: true });
    fs.writeFileSync(this.passwordFile, `${password}\n`, { mode: 0o600 });
    // The mode only applies to a new file: make sure an old one is owner-only too.
    fs.chmodSync(this.passwordFile, 0o600);
    this.logger.log(
      `created user ${INITIAL_ADMIN}; its password is in ${this.passwordFile} (readable by you only): ` +
        'sign in with POST /auth/login and change it with POST /users/admin/password',
    );
  }
}
