import { createHash } from 'node:crypto';
import type { JobsOptions, Queue } from 'bullmq';
import type { EventStore, StoredEvent } from '../event-store/event-store';
import type { Reaction } from '../reactors/reactor';
import { issueStreamId, type IssueReported } from '../issues/domain/issue-events';
import { buildNotificationPayload, isNotifiable, type NotifiableEvent } from './notification-payload';
import type { WebhookJobData } from './webhook-worker';
import { withinRedisDeadline } from '../escalation/queue/redis-deadline';

export interface NotificationReactionOptions {
  /** Receiver URLs (ESCALATION_WEBHOOKS); none means the reaction does nothing. */
  webhooks: string[];
  /** Delivery attempts per receiver before the job is failed. @defaultValue 8 */
  attempts?: number;
  /** Base of the exponential backoff between attempts (2 s, 4 s, 8 s ...). @defaultValue 2000 */
  backoffMs?: number;
  /** Brings the issue's IssueReported up to today's shape. @defaultValue identity */
  upcast?: (event: StoredEvent) => StoredEvent;
}

const DAY_SECONDS = 24 * 3600;

/**
 * Queues one webhook delivery per (escalation or warning, receiver). Idempotent, as a
 * Reaction must be: the job id is derived from the event and the receiver, and BullMQ keeps
 * finished jobs for a week, so a replayed batch adds jobs that already exist, which is a no-op.
 */
export class NotificationReaction implements Reaction {
  readonly name = 'reactor:notifications';
  private readonly webhooks: string[];

  constructor(
    private readonly eventStore: EventStore,
    private readonly queue: Queue<WebhookJobData>,
    private readonly options: NotificationReactionOptions,
  ) {
    // Blank entries (a trailing comma in ESCALATION_WEBHOOKS) are skipped, not refused.
    const listed = options.webhooks
      .map((url, index) => ({ url: url.trim(), index }))
      .filter(({ url }) => url !== '');
    this.webhooks = [...new Set(listed.map(({ url, index }) => checkedUrl(url, index)))];
  }

  async react(events: StoredEvent[]): Promise<void> {
    if (this.webhooks.length === 0) return;
    const notifiable = events.filter(isNotifiable);
    if (notifiable.length === 0) return;
    // One read per issue per batch: a batch often holds several levels of the same issue.
    const reports = new Map<string, Promise<IssueReported['data'] | null>>();
    const jobs = [];
    for (const event of notifiable) {
      const issueId = event.data.issueId;
      if (!reports.has(issueId)) reports.set(issueId, this.reportOf(issueId));
      const payload = buildNotificationPayload(event, await reports.get(issueId)!);
      const body = JSON.stringify(payload);
      for (const url of this.webhooks) {
        jobs.push({
          name: `${event.type} to ${new URL(url).host}`,
          data: { url, eventId: event.id, eventType: event.type, body },
          opts: this.jobOptions(event, url),
        });
      }
    }
    await withinRedisDeadline(this.queue.addBulk(jobs), `queueing ${jobs.length} notification(s)`);
  }

  private jobOptions(event: NotifiableEvent, url: string): JobsOptions {
    return {
      jobId: notificationJobId(event.id, url),
      attempts: this.options.attempts ?? 8,
      backoff: { type: 'exponential', delay: this.options.backoffMs ?? 2000 },
      // Kept (not removed) so that re-adding the same id during a replay is a no-op.
      removeOnComplete: { age: 7 * DAY_SECONDS, count: 100_000 },
      removeOnFail: { age: 30 * DAY_SECONDS, count: 100_000 },
    };
  }

  private async reportOf(issueId: string): Promise<IssueReported['data'] | null> {
    const [first] = await this.eventStore.readStream(issueStreamId(issueId), { maxCount: 1 });
    if (!first || first.type !== 'IssueReported') return null;
    const upcast = this.options.upcast ?? ((e: StoredEvent) => e);
    return upcast(first).data as IssueReported['data'];
  }
}

/**
 * `notify-<eventId>-<first 16 hex of sha256(url)>`: one job per event and receiver, the same
 * on every replay. BullMQ refuses ':' in custom ids, so an event id with other characters
 * than letters, digits, '_' and '-' is hashed too.
 */
export function notificationJobId(eventId: string, url: string): string {
  const event = /^[\w-]+$/.test(eventId) ? eventId : sha256(eventId).slice(0, 32);
  return `notify-${event}-${sha256(url).slice(0, 16)}`;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A receiver URL must be absolute http(s); the message names the entry by its place only, as URLs often carry tokens. */
function checkedUrl(url: string, index: number): string {
  let parsed: URL | null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new Error(
      `ESCALATION_WEBHOOKS entry ${index + 1} is not an absolute http(s) URL; ` +
        'list receivers comma-separated, e.g. https://robot.example.org/hook,https://mail-gw.example.org/in',
    );
  }
  return url;
}
