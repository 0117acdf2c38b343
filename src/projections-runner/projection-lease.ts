import { createHash } from 'node:crypto';
import { Client } from 'pg';

/**
 * Who runs the projections when several engine processes share one read store. Only the
 * holder applies events; the others follow the stored checkpoints. A lease saves wasted
 * work, it does not guard correctness: the read store's compare-and-set checkpoint does, so
 * two processes that both believe they hold it still never apply a batch twice.
 */
export interface ProjectionLease {
  /** Takes the lease if free; true when this process holds it (also if it already did). */
  tryAcquire(): Promise<boolean>;
  /** Whether this process believes it holds the lease now (false once its connection died). */
  isHeld(): boolean;
  /** Gives the lease up so another process can take it at once. Idempotent. */
  release(): Promise<void>;
}

/** One process, one read store (the embedded SQLite build): the lease is always ours. */
export function alwaysHeldLease(): ProjectionLease {
  return { tryAcquire: async () => true, isHeld: () => true, release: async () => undefined };
}

/**
 * A session-level `pg_try_advisory_lock` held on a dedicated connection. If the process or
 * its connection dies, PostgreSQL drops the session and with it the lock, and another
 * process's next `tryAcquire` takes over. The key is hashed into the two-integer advisory
 * lock space, which is apart from the single-bigint space other code may use.
 * The connection carries `application_name` `projection-lease <key>`, so an operator can
 * see in `pg_stat_activity` which process leads.
 */
export function postgresLease(connectionString: string, key: string): ProjectionLease {
  return new PostgresLease(connectionString, key);
}

class PostgresLease implements ProjectionLease {
  private client: Client | null = null;
  private held = false;
  private readonly lockKey: [number, number];

  constructor(
    private readonly connectionString: string,
    private readonly key: string,
  ) {
    const digest = createHash('sha256').update(`escalation-engine:${key}`).digest();
    this.lockKey = [digest.readInt32BE(0), digest.readInt32BE(4)];
  }

  async tryAcquire(): Promise<boolean> {
    if (this.held) return true;
    try {
      const client = this.client ?? (await this.open());
      const { rows } = await client.query<{ ok: boolean }>(
        'SELECT pg_try_advisory_lock($1, $2) AS ok',
        this.lockKey,
      );
      // The client may have died while the query ran; then the lock died with it.
      this.held = rows[0].ok && this.client === client;
    } catch {
      // Unreachable server or dropped connection: not the leader; the caller retries later.
      this.drop();
    }
    return this.held;
  }

  isHeld(): boolean {
    return this.held;
  }

  async release(): Promise<void> {
    const client = this.client;
    this.drop();
    // Ending the session releases the lock; no unlock call that could fail half-way.
    await client?.end().catch(() => undefined);
  }

  private async open(): Promise<Client> {
    const client = new Client({
      connectionString: this.connectionString,
      application_name: `projection-lease ${this.key}`.slice(0, 63),
    });
    // On any connection error the server-side session (and lock) is gone or going.
    client.on('error', () => {
      if (this.client === client) this.drop();
      client.end().catch(() => undefined);
    });
    client.on('end', () => {
      if (this.client === client) this.drop();
    });
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    return client;
  }

  private drop(): void {
    this.held = false;
    this.client = null;
  }
}
