import { Injectable, Logger } from '@nestjs/common';

/**
 * Where the escalation graph reports trouble: each distinct error is logged at most once a
 * minute (a Redis outage repeats the same one every second), and the latest is kept for
 * /health.
 */
@Injectable()
export class EscalationLog {
  readonly logger = new Logger('Escalation');
  private latest: string | null = null;
  private readonly loggedAt = new Map<string, number>();

  noteError(text: string): void {
    const now = Date.now();
    if (now - (this.loggedAt.get(text) ?? 0) >= 60_000) {
      this.loggedAt.set(text, now);
      this.logger.error(text);
    }
    this.latest = text;
  }

  /** The latest error noted, or null. */
  lastError(): string | null {
    return this.latest;
  }
}

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
