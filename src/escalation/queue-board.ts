import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';

export const QUEUE_BOARD_PATH = '/queues';

/**
 * Bull Board at /queues: operators see pending checks with their times, failed (poison)
 * checks with the reason, and webhook deliveries with their retries, and can retry by hand.
 */
export async function mountQueueBoard(
  app: NestFastifyApplication,
  queues: Queue[],
  /** Who may see and operate the board: runs before every request under /queues. */
  access: onRequestAsyncHookHandler,
): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: false })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Escalation queues' } },
  });
  const guarded = async (scope: FastifyInstance) => {
    scope.addHook('onRequest', access);
    await scope.register(serverAdapter.registerPlugin());
  };
  await app.register(guarded, { prefix: QUEUE_BOARD_PATH });
}
