import Fastify from 'fastify';

/**
 * The raw baseline of the command-throughput benchmark: Fastify alone, answering a JSON POST
 * with a small JSON body, in its own process as the engine is. What any HTTP command costs at
 * least on this machine, before sign-in, validation, the decider, the append and the fsync.
 */
async function main(): Promise<void> {
  const app = Fastify({ logger: false });
  let next = 0;
  app.post('/hello', async (request, reply) => {
    const body = request.body as { title?: unknown };
    return reply.code(201).send({ id: `hello-${++next}`, title: body.title ?? null, position: next });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ type: 'ready', port });
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'stop') void app.close().then(() => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0));
}

main().catch((error: unknown) => {
  process.send?.({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
