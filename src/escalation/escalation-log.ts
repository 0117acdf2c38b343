import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '../clock/clock';

/** An error noted, and when (on the engine's clock). */
export interface NotedError {
  error: string;
  at: string;
}

/** An error that is over: the escalation graph has worked end to end since it was noted. */
export interface ResolvedError extends NotedError {
  resolvedAt: string;
}

/** What /health shows of the escalation graph's trouble. */
export interface ErrorReport {
  /** The latest error still standing, or null. */
  lastError: string | null;
  lastErrorAt: string | null;
  /** The latest error that was resolved, kept so an operator can still read what happened. */
  lastResolvedError: ResolvedError | null;
}

/**
 * Where the escalation graph reports trouble: each distinct error is logged at most once a
 * minute (a Redis outage repeats the same one every second), and the latest is kept for
 * /health until it is over. Over means: since it was noted, the reconciler has finished a
 * pass without error (Redis answers and holds every check the log needs) and the scheduler
 * is not retrying a failed batch (the last one it was given since went through, or it was
 * given none). Then it moves to `lastResolvedError`, so a Redis that was away and came back
 * leaves /health clean instead of showing yesterday's outage as today's error.
 */
@Injectable()
export class EscalationLog {
  readonly logger = new Logger('Escalation');
  private latest: NotedError | null = null;
  private resolved: ResolvedError | null = null;
  /** An error was noted after the reconciler's last clean pass. */
  private awaitingPass = false;
  /** The scheduler's latest batch failed and is being retried. */
  private schedulerFailing = false;
  private readonly loggedAt = new Map<string, number>();

  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  /** Notes an error; `scheduler` marks the scheduler's batch as failing until one goes through. */
  noteError(text: string, from: 'scheduler' | 'other' = 'other'): void {
    // Wall time on purpose: this only keeps a repeating error from flooding the log.
    const now = Date.now();
    if (now - (this.loggedAt.get(text) ?? 0) >= 60_000) {
      this.loggedAt.set(text, now);
      this.logger.error(text);
    }
    this.latest = { error: text, at: this.clock.now().toISOString() };
    this.awaitingPass = true;
    if (from === 'scheduler') this.schedulerFailing = true;
  }

  /** The reconciler finished a pass without error. */
  reconciled(): void {
    this.awaitingPass = false;
    this.settle();
  }

  /** The scheduler queued the checks of a batch without error. */
  scheduled(): void {
    this.schedulerFailing = false;
    this.settle();
  }

  /** The latest error still standing, or null. */
  lastError(): string | null {
    return this.latest?.error ?? null;
  }

  report(): ErrorReport {
    return {
      lastError: this.latest?.error ?? null,
      lastErrorAt: this.latest?.at ?? null,
      lastResolvedError: this.resolved,
    };
  }

  private settle(): void {
    if (this.latest === null || this.awaitingPass || this.schedulerFailing) return;
    this.resolved = { ...this.latest, resolvedAt: this.clock.now().toISOString() };
    this.latest = null;
  }
}

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
