import * as fs from 'node:fs';
import * as path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where the page's client-side routes live; every path under it is the page itself. */
export const WEB_APP_PREFIX = '/app';

/** Hashed bundle files never change under their name; everything else is revalidated. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built web page (`web/dist`) from the engine itself: `/` and every path under
 * `/app/` answer index.html (the page routes on the client), and each built file gets a route
 * of its own (with its gzip/brotli twin when the client accepts it). Nothing else is caught:
 * the JSON API keeps its routes and an unknown API path still answers the JSON 404.
 */
export async function mountWebPage(app: NestFastifyApplication, webDir: string): Promise<void> {
  await app.register(webPage as never, { webDir });
}

async function webPage(fastify: FastifyInstance, { webDir }: { webDir: string }): Promise<void> {
  const index = path.join(webDir, 'index.html');
  if (!fs.existsSync(index)) {
    const notBuilt = (_request: unknown, reply: FastifyReply) =>
      reply.status(503).send({
        statusCode: 503,
        error: 'Service Unavailable',
        message:
          'the web page is not built: run `npm run build` (it writes web/dist), or set WEB_DIR to a built page',
      });
    fastify.get('/', notBuilt);
    fastify.get(WEB_APP_PREFIX, notBuilt);
    fastify.get(`${WEB_APP_PREFIX}/*`, notBuilt);
    return;
  }
  await fastify.register(fastifyStatic, {
    root: webDir,
    prefix: '/',
    // One route per built file (read at start), instead of a catch-all that would shadow the API's 404s.
    wildcard: false,
    globIgnore: ['**/*.gz', '**/*.br'],
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, file) => {
      reply.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? IMMUTABLE : 'no-cache');
    },
  });
  const page = (_request: unknown, reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').sendFile('index.html');
  fastify.get(WEB_APP_PREFIX, page);
  fastify.get(`${WEB_APP_PREFIX}/*`, page);
}
