import { NestFactory } from '@nestjs/core';
import type { NestApplicationOptions } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { EscalationStatus } from './escalation/escalation-status';
import { mountQueueBoard } from './escalation/queue-board';
import { openStores } from './config/open-stores';
import type { Clock } from './clock/clock';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { ErrorFilter } from './http/error.filter';
import { createValidationPipe } from './http/validation.pipe';
import { mountWebPage } from './web/web-page';

/**
 * Builds the HTTP application on Fastify: validation, one error shape, Swagger UI at /docs,
 * the web page at / (from its built files).
 * Shared by `main.ts`, the e2e tests and the scripts, so all of them run the same engine.
 */
export async function createApp(config: AppConfig, clock?: Clock): Promise<NestFastifyApplication> {
  const stores = await openStores(config);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, stores, clock),
    httpAdapter(config),
    nestOptions(config),
  );
  return setUpApp(app);
}

/** Fastify with the configured logger and a 2 MiB body limit. */
export function httpAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: 2 * 1024 * 1024,
  });
}

export function nestOptions(config: AppConfig): NestApplicationOptions {
  // abortOnError: false lets a failed start reach the caller instead of exiting the process.
  return { logger: config.logLevel === 'silent' ? false : ['log', 'warn', 'error'], abortOnError: false };
}

/**
 * Everything around the modules: pipes, the error filter, shutdown hooks, Swagger UI, the
 * queue board; then starts the app. For an app built elsewhere from `AppModule` too (a test
 * that overrides a provider builds it with `@nestjs/testing`).
 */
export async function setUpApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Escalation engine')
      .setDescription(
        'Event-sourced issue tracking and escalation for the city construction bureau (shared/API.md)',
      )
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  await app.init();
  await mountQueueBoard(app, app.get(EscalationStatus).queues());
  await mountWebPage(app, app.get<AppConfig>(APP_CONFIG).webDir);
  return app;
}
