import { Client, type ClientConfig } from 'pg';
import { quoteIdent } from './postgres-schema';

const FIRST_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 5000;

/**
 * Holds one dedicated connection that LISTENs on the log's channel, so appends by other
 * processes wake this process's subscriptions at once instead of at the next poll. If the
 * connection drops it reconnects with backoff; notifications sent meanwhile are lost, which is
 * why every (re)connect also wakes the subscriptions, and why they still poll.
 */
export class PostgresListener {
  private client: Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private backoff = 0;
  private stopped = false;
  /** The connect in progress, so stop() can wait for it to end its client. */
  private connecting: Promise<void> | null = null;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly wake: () => void,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  start(): void {
    this.connecting = this.connect();
  }

  /** Ends the connection and any pending reconnect. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.connecting;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    this.retry = null;
    if (this.stopped) return;
    const client = new Client(this.config);
    let dropped = false;
    const drop = (error?: unknown): void => {
      // 'error' and 'end' both fire for one broken connection: reconnect once.
      if (dropped || this.stopped) return;
      dropped = true;
      if (error) this.onError(error);
      if (this.client === client) this.client = null;
      // Not awaited: a sync event handler; the reconnect needn't wait for a broken client to finish closing.
      void client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('notification', () => this.wake());
    client.on('error', drop);
    client.on('end', () => drop());
    try {
      await client.connect();
      await client.query(`LISTEN ${quoteIdent(this.channel)}`);
    } catch (error) {
      drop(error);
      return;
    }
    if (this.stopped || dropped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.backoff = 0;
    this.wake();
  }

  private scheduleReconnect(): void {
    this.backoff = this.backoff === 0 ? FIRST_BACKOFF_MS : Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    this.retry = setTimeout(() => this.start(), this.backoff);
  }
}
