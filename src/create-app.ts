import { NestFactory } from '@nestjs/core';
import type { NestApplicationOptions } from '@nestjs/common';
import { ShutdownSignal } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { EscalationStatus } from './escalation/escalation-status';
import { mountQueueBoard } from './escalation/queue-board';
import { closeStores, openStores } from './config/open-stores';
import type { Clock } from './clock/clock';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { ErrorFilter } from './http/error.filter';
import { edgeServerOptions, hardenHttpEdge } from './http/http-edge';
import { createValidationPipe } from './http/validation.pipe';
import { queueBoardAccess } from './identity/access/queue-board-access';
import { Authenticator } from './identity/auth/authenticator';
import { mountWebPage } from './web/web-page';

/**
 * Builds the HTTP application on Fastify: the hardened edge, sign-in and the access policy
 * (IdentityModule), validation, one error shape, Swagger UI at /docs, the web page at / (from
 * its built files). Shared by `main.ts`, the e2e tests and the scripts, so all of them run the
 * same engine.
 */
export async function createApp(config: AppConfig, clock?: Clock): Promise<NestFastifyApplication> {
  const stores = await openStores(config);
  let app: NestFastifyApplication;
  try {
    app = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot(config, stores, clock),
      httpAdapter(config),
      nestOptions(config),
    );
  } catch (error) {
    // A refused start (a bad rules file names its entry) leaves no store open behind it.
    await closeStores(stores).catch(() => undefined);
    throw error;
  }
  return setUpApp(app);
}

/** Fastify with the configured logger and the hardened edge's server options (body limit, ids). */
export function httpAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    ...edgeServerOptions(config),
  });
}

export function nestOptions(config: AppConfig): NestApplicationOptions {
  // abortOnError: false lets a failed start reach the caller instead of exiting the process;
  // bodyParser: false leaves JSON to the hardened edge's own parser (and form posts unparsed).
  return {
    logger: config.logLevel === 'silent' ? false : ['log', 'warn', 'error'],
    abortOnError: false,
    bodyParser: false,
  };
}

/**
 * Everything around the modules: the hardened edge, pipes, the error filter, shutdown hooks,
 * Swagger UI, the queue board, the web page; then starts the app. For an app built elsewhere
 * from `AppModule` too (a test that overrides a provider builds it with `@nestjs/testing`).
 */
export async function setUpApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  const config = app.get<AppConfig>(APP_CONFIG);
  await hardenHttpEdge(app, config);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  // Every shutdown signal but SIGHUP, which reloads the escalation rules (RulesReloadSignal).
  app.enableShutdownHooks(Object.values(ShutdownSignal).filter((signal) => signal !== ShutdownSignal.SIGHUP));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Escalation engine')
      .setDescription(
        'Event-sourced issue tracking and escalation for the city construction bureau (shared/API.md)',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'POST /auth/login' })
      .addApiKey(
        { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'POST /api-keys (admin)' },
        'api-key',
      )
      .addSecurityRequirements('bearer')
      .addSecurityRequirements('api-key')
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  try {
    await app.init();
  } catch (error) {
    // A start refused half-way (e.g. a bad ADMIN_PASSWORD) leaves no store, queue or timer open.
    await app.close().catch(() => undefined);
    throw error;
  }
  await mountQueueBoard(app, app.get(EscalationStatus).queues(), queueBoardAccess(app.get(Authenticator)));
  await mountWebPage(app, config.webDir);
  return app;
}
