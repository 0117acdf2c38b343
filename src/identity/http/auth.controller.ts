import '@fastify/cookie';
import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Access, Public } from '../access/access.decorator';
import { CurrentPrincipal } from '../access/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { SESSION_COOKIE, sessionCookieOptions } from '../auth/session-cookie';
import { SignInService, type SignedIn } from '../auth/sign-in.service';
import { LoginDto } from './identity.dtos';

/** The correlation id a client sent, or a new one. */
export const correlationOf = (request: FastifyRequest): string => {
  const raw = request.headers['x-correlation-id'];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value && /^[\x21-\x7e]{1,200}$/.test(value) ? value : randomUUID();
};

/** Sign-in, sign-out and who am I (shared/API-identity.md, "Sign-in"). */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly signIns: SignInService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  // Limited per client address (AUTH_LOGIN_RATE a minute, the plugin's settings): see http-edge.ts.
  @RouteConfig({ rateLimit: {} })
  @ApiOperation({ summary: 'Sign in: a bearer token, and a session cookie for browsers' })
  @ApiResponse({ status: 401, description: 'Wrong username or password (one message for both)' })
  @ApiResponse({
    status: 429,
    description: 'Locked after 5 failures in 15 minutes, or too many tries from this address',
  })
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignedIn> {
    const signedIn = await this.signIns.signIn(body.username, body.password, {
      address: request.ip,
      correlationId: correlationOf(request),
    });
    void reply.setCookie(
      SESSION_COOKIE,
      signedIn.accessToken,
      sessionCookieOptions(request, this.config.auth.tokenTtlMs),
    );
    return signedIn;
  }

  @Post('logout')
  @HttpCode(204)
  @Access('self')
  @ApiOperation({ summary: 'Sign out: the token or cookie stops working at once' })
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.signIns.signOut(principal, correlationOf(request));
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @Access('self')
  @ApiOperation({ summary: 'The signed-in principal' })
  me(@CurrentPrincipal() principal: Principal) {
    const { id, kind, actor, displayName, role, district, expiresAt } = principal;
    return {
      kind,
      ...(kind === 'user' ? { username: id } : { keyId: id }),
      actor,
      displayName,
      role,
      district,
      expiresAt,
    };
  }
}
