import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from './config/app-config';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  const logger = new Logger('Engine');
  logger.log(
    `escalation engine listening on http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port} (Swagger UI at /docs)`,
  );
  logger.log(`embedded store in ${config.dataDir}`);
}

main().catch((error: unknown) => {
  // A start that cannot work (bad configuration, unreadable store) says why and exits non-zero.
  console.error(
    `escalation engine failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
