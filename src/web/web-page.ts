import * as fs from 'node:fs';
import * as path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where the page's client-side routes live; every path under it is the page itself. */
export const WEB_APP_PREFIX = '/app';
/** Where Vite puts the bundle (file names carry a content hash). */
const ASSETS_PREFIX = '/assets/';

/** Hashed bundle files never change under their name; the page itself is revalidated. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built web page (`web/dist`) from the engine itself: `/` and every path under
 * `/app/` answer index.html (the page routes on the client), and `/assets/` the bundle (its
 * gzip or brotli twin when the client accepts one). Nothing else is caught: the JSON API keeps
 * its routes and an unknown API path still answers the JSON 404. The files are looked up per
 * request, so a page rebuilt under a running engine is served as rebuilt.
 */
export async function mountWebPage(app: NestFastifyApplication, webDir: string): Promise<void> {
  await app.register(webPage, { webDir });
}

async function webPage(fastify: FastifyInstance, { webDir }: { webDir: string }): Promise<void> {
  const index = path.join(webDir, 'index.html');
  await fastify.register(fastifyStatic, {
    root: path.join(webDir, 'assets'),
    prefix: ASSETS_PREFIX,
    // The folder may not exist until the page is built.
    suppressWarning: true,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, file) => {
      reply.header('cache-control', path.basename(file).startsWith('index.html') ? 'no-cache' : IMMUTABLE);
    },
  });
  const page = (_request: unknown, reply: FastifyReply) => {
    if (!fs.existsSync(index))
      return reply.status(503).send({
        statusCode: 503,
        error: 'Service Unavailable',
        message:
          'the web page is not built: run `npm run build` (it writes web/dist), or set WEB_DIR to a built page',
      });
    return reply.type('text/html; charset=utf-8').sendFile('index.html', webDir);
  };
  fastify.get('/', page);
  fastify.get(WEB_APP_PREFIX, page);
  fastify.get(`${WEB_APP_PREFIX}/*`, page);
}
