import { Global, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule, DiscoveryService, MetadataScanner } from '@nestjs/core';
import { SignedCursors } from '../http/signed-cursors';
import { AccessGuard } from './access/access.guard';
import { declaredRoutes } from './access/declared-routes';
import { IssueDistricts } from './access/issue-districts';
import { ApiKeysService } from './api-keys/api-keys.service';
import { Authenticator } from './auth/authenticator';
import { SignInService } from './auth/sign-in.service';
import { SigningKeys } from './auth/signing-keys';
import { ApiKeysController } from './http/api-keys.controller';
import { AuthController } from './http/auth.controller';
import { UsersController } from './http/users.controller';
import { InitialAdmin } from './initial-admin';
import { UsersService } from './users/users.service';

/** Refuses to start when a route declares no access rule: every route must consult the policy. */
@Injectable()
class EveryRouteDeclaresAccess implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onApplicationBootstrap(): void {
    const undeclared = declaredRoutes(this.discovery, this.scanner).filter((route) => !route.rule);
    if (undeclared.length > 0) {
      throw new Error(
        `routes without an access rule (add @Access(...) or @Public() from src/identity/access): ${undeclared
          .map((r) => `${r.method} ${r.path}`)
          .join(', ')}`,
      );
    }
  }
}

/**
 * Sign-in, users, API keys and the access policy (shared/API-identity.md). Global, so every
 * feature's controllers get the principal, the signed cursors and the guard without wiring.
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  controllers: [AuthController, UsersController, ApiKeysController],
  providers: [
    SigningKeys,
    Authenticator,
    SignInService,
    UsersService,
    ApiKeysService,
    IssueDistricts,
    SignedCursors,
    InitialAdmin,
    EveryRouteDeclaresAccess,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [Authenticator, IssueDistricts, SigningKeys, SignedCursors, UsersService, ApiKeysService],
})
export class IdentityModule {}
