import { createHash } from 'node:crypto';
import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { QUEUE_NAMES } from '../escalation/queue/queue-names';
import { signWebhook, WEBHOOK_HEADERS } from './webhook-signature';

/** One delivery: the exact body for one receiver. The body is kept as text so every retry signs and sends the same bytes. */
export interface WebhookJobData {
  url: string;
  eventId: string;
  eventType: string;
  body: string;
}

/** What a delivered job records (shown in Bull Board). */
export interface WebhookJobResult {
  status: number;
  deliveredAt: string;
}

/** The part of Nest's Logger the notifications use. */
export interface NotificationLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface WebhookWorkerOptions {
  connection: ConnectionOptions;
  /** The BullMQ key prefix (ESCALATION_QUEUE_PREFIX). */
  prefix: string;
  /** Shared with the receivers, who verify X-Escalation-Signature with it. */
  secret: string;
  /** How long one attempt may take, answer included. @defaultValue 10000 */
  timeoutMs?: number;
  /** Deliveries in flight at once. @defaultValue 4 */
  concurrency?: number;
  logger?: NotificationLogger;
}

export const WEBHOOK_USER_AGENT = 'escalation-engine-webhooks/1';

/**
 * Delivers queued notifications. It runs on its own queue, apart from the escalation checks:
 * a slow or failing receiver delays only its own deliveries, never an escalation.
 * 2xx is delivered; 408, 429, 5xx, a network error or a timeout is thrown and BullMQ retries
 * with backoff; any other answer is final (a receiver that refused a message refuses it
 * again), so the job goes straight to the failed set with the reason.
 */
export function startWebhookWorker(options: WebhookWorkerOptions): Worker<WebhookJobData, WebhookJobResult> {
  if (!options.secret) {
    throw new Error(
      'the webhook signing secret is empty; set one (the same at every receiver) so receivers can verify deliveries',
    );
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  const worker = new Worker<WebhookJobData, WebhookJobResult>(
    QUEUE_NAMES.notifications,
    (job) => deliver(job.data, options.secret, timeoutMs),
    { connection: options.connection, prefix: options.prefix, concurrency: options.concurrency ?? 4 },
  );
  const logger = options.logger;
  if (logger) {
    worker.on('failed', (job: Job<WebhookJobData> | undefined, error: Error) => {
      if (!job) return;
      const what = `notification ${job.data.eventType} ${job.data.eventId} to ${describeReceiver(job.data.url)}`;
      const attempts = `attempt ${job.attemptsMade} of ${job.opts.attempts ?? 1}`;
      // finishedOn is set only when BullMQ gave up on the job.
      if (job.finishedOn)
        logger.error(`${what} failed for good (${attempts}, job ${job.id}): ${error.message}`);
      else logger.warn(`${what} failed, will retry (${attempts}): ${error.message}`);
    });
    worker.on('error', (error) => logger.error(`webhook worker: ${error.message}`));
  }
  return worker;
}

async function deliver(data: WebhookJobData, secret: string, timeoutMs: number): Promise<WebhookJobResult> {
  const receiver = describeReceiver(data.url);
  // Signed at each attempt: the timestamp says when this copy was sent, so receivers can refuse stale replays.
  const timestamp = String(Math.floor(Date.now() / 1000));
  let response: Response;
  let answer: string;
  try {
    response = await fetch(data.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': WEBHOOK_USER_AGENT,
        [WEBHOOK_HEADERS.signature]: signWebhook(secret, timestamp, data.body),
        [WEBHOOK_HEADERS.timestamp]: timestamp,
        [WEBHOOK_HEADERS.eventId]: data.eventId,
        [WEBHOOK_HEADERS.eventType]: data.eventType,
      },
      body: data.body,
      // A redirect would re-send a signed message somewhere nobody configured; report it instead.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Read the answer (it frees the connection) and keep its start for the failure reason.
    answer = (await response.text()).replace(/\s+/g, ' ').slice(0, 200);
  } catch (error) {
    throw new Error(`receiver ${receiver} ${networkFailure(error, timeoutMs)}; will retry`, { cause: error });
  }
  const { status } = response;
  if (status >= 200 && status < 300) return { status, deliveredAt: new Date().toISOString() };
  const said = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}${answer ? `: ${answer}` : ''}`;
  if (status === 408 || status === 429 || status >= 500)
    throw new Error(`receiver ${receiver} answered ${said}; will retry`);
  if (status >= 300 && status < 400) {
    throw new UnrecoverableError(
      `receiver ${receiver} answered ${said} (a redirect to ${response.headers.get('location') ?? 'nowhere'}); ` +
        'not retried: put the final address in ESCALATION_WEBHOOKS',
    );
  }
  throw new UnrecoverableError(
    `receiver ${receiver} refused the notification with ${said}; not retried: fix the receiver or its URL, then retry the job from the failed set`,
  );
}

function networkFailure(error: unknown, timeoutMs: number): string {
  // Duck-typed, not instanceof: fetch's errors may come from another realm (e.g. under jest).
  const failure = (error ?? {}) as {
    name?: string;
    message?: string;
    cause?: { code?: string; message?: string; errors?: { code?: string }[] };
  };
  if (failure.name === 'TimeoutError' || failure.name === 'AbortError')
    return `did not answer within ${timeoutMs} ms`;
  // fetch reports "fetch failed" and puts the reason (ECONNREFUSED, ENOTFOUND ...) in `cause`,
  // or in `cause.errors` when several addresses were tried.
  const cause = failure.cause;
  const reason =
    cause?.code || cause?.errors?.[0]?.code || cause?.message || failure.message || String(error);
  return `could not be reached (${reason})`;
}

/**
 * The receiver for logs and failure reasons: its origin and a short hash of the whole URL.
 * Chat robot URLs carry their access token in the path or query, which must not reach logs.
 */
export function describeReceiver(url: string): string {
  const hash = createHash('sha256').update(url, 'utf8').digest('hex').slice(0, 16);
  let origin = 'an invalid URL';
  try {
    origin = new URL(url).origin;
  } catch {
    // keep the placeholder: the hash still tells receivers apart
  }
  return `${origin} [${hash}]`;
}
