import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import { HttpException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config';
import { parseJsonBody } from './json-body';
import { parseQueryString } from './request-hygiene';

/** Largest body accepted; a command is a few kilobytes. */
export const BODY_LIMIT = 2 * 1024 * 1024;

/**
 * The Fastify options of the hardened edge: the engine's own query string parser, and room
 * for long path parameters, so an over-long id reaches the route and is answered 404 like
 * any unknown id (the framework would answer 414 with its own code).
 */
export const edgeServerOptions = (config: AppConfig) => ({
  bodyLimit: BODY_LIMIT,
  // A number of hops works at run time (fastify's lib/request.js); 5.12's types forgot it.
  trustProxy: config.auth.trustProxy as boolean | string | string[],
  routerOptions: { maxParamLength: 8_000, querystringParser: parseQueryString },
  // Typed against the root fastify; the adapter bundles its own copy of the same major.
  frameworkErrors: onFrameworkError as never,
});

/** A path the router cannot decode (a broken %-escape) is answered in the engine's error shape. */
function onFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.code === 'FST_ERR_BAD_URL' ? 400 : (error.statusCode ?? 400);
  void reply.status(status).send({
    statusCode: status,
    error: 'Bad Request',
    message:
      error.code === 'FST_ERR_BAD_URL'
        ? 'the path is not valid percent-encoding (e.g. a lone %)'
        : error.message,
  });
}

/**
 * The HTTP edge, before any route is registered: only `application/json` bodies (anything
 * else, form posts included, is 415), parsed by the engine's own parser; security headers;
 * cookies; the sign-in route's rate limit per client address; CORS closed unless
 * CORS_ORIGINS names origins.
 */
export async function hardenHttpEdge(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    (_request, body, done) => {
      try {
        done(null, parseJsonBody(body as string));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );
  await app.register(fastifyCookie as never);
  // The helmet middleware is built once here and applied from one hook: @fastify/helmet 13.2
  // calls helmet(options) inside its onRequest hook, so every request parsed the CSP
  // directives again (~13-18 µs of the main thread per request). Same library, same headers.
  const securityHeaders = helmet({
    // Swagger UI and Bull Board are pages of their own scripts and styles, some inline.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'", 'https:'],
        imgSrc: ["'self'", 'data:', 'https:'],
        fontSrc: ["'self'", 'data:', 'https:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    // The engine may be reached over plain http on a laptop; TLS deployments set HSTS at their proxy.
    hsts: false,
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
  await app.register(fastifyRateLimit, {
    // Only routes that ask for it (the sign-in route) are limited.
    global: false,
    max: config.auth.loginRatePerMinute,
    timeWindow: 60_000,
    // Thrown by the plugin, so it must be an error the exception filter knows.
    errorResponseBuilder: (_request: unknown, context: { after: string }) =>
      new HttpException(
        {
          statusCode: 429,
          error: 'Too Many Requests',
          message: `too many sign-in tries from this address; try again in ${context.after}`,
        },
        429,
      ),
  });
  if (config.auth.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.auth.corsOrigins,
      methods: ['GET', 'POST', 'PATCH', 'DELETE'],
      allowedHeaders: [
        'Authorization',
        'X-Api-Key',
        'Content-Type',
        'Idempotency-Key',
        'If-Match',
        'X-Correlation-Id',
      ],
      // Cross-origin pages send bearer tokens; the session cookie is for the engine's own pages.
      credentials: false,
      maxAge: 600,
    });
  }
}
