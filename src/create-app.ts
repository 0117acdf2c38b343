import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { EscalationService } from './escalation/escalation.service';
import { mountQueueBoard } from './escalation/queue-board';
import { openStores } from './config/open-stores';
import type { Clock } from './clock/clock';
import type { AppConfig } from './config/app-config';
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
    new FastifyAdapter({
      logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
      bodyLimit: 2 * 1024 * 1024,
    }),
    // abortOnError: false lets a failed start reach the caller instead of exiting the process.
    { logger: config.logLevel === 'silent' ? false : ['log', 'warn', 'error'], abortOnError: false },
  );
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
  await mountQueueBoard(app, app.get(EscalationService).queues());
  await mountWebPage(app, config.webDir);
  return app;
}
