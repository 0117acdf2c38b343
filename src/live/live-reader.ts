import type { ServerResponse } from 'node:http';
import { inBoardScope } from '../identity/access/read-scope';
import type { Principal } from '../identity/auth/principal';
import { SSE_HEARTBEAT, sseFrame, type LiveIssueEvent } from './live-message';

/** A slow reader's unsent bytes beyond this end its stream; it reconnects and resumes from its last id. */
const MAX_UNSENT_BYTES = 1024 * 1024;

/**
 * One open stream: tells its reader the issue events it may see, each once, in log order.
 * `told` is the position up to which the reader has everything it may see (events it may not
 * see count as told); `lastId` the last `id:` written, which is what a reconnect resumes from.
 * While what it missed is replayed from the log, the batches published meanwhile wait in
 * `pending`, and whatever the two have in common is told once.
 */
export class LiveReader {
  private told: number;
  private lastId: number;
  private pending: Array<{ events: LiveIssueEvent[]; position: number }> | null = [];
  private closed = false;
  private checking = false;

  constructor(
    private readonly response: ServerResponse,
    readonly principal: Principal,
    from: number,
    /** Signs the request in again: false once the session ended (signed out, disabled, expired). */
    private readonly stillSignedIn: () => Promise<boolean>,
    private readonly onClosed: () => void,
  ) {
    this.told = from;
    this.lastId = from;
    response.once('close', () => this.closed || this.finish());
  }

  isOpen(): boolean {
    return !this.closed;
  }

  /** Starts from `position` without replaying: from now, or after a `reset`. */
  startAt(position: number): void {
    this.told = position;
  }

  /** What was missed, replayed from the log, while live batches wait. */
  tell(events: readonly LiveIssueEvent[], upTo: number): void {
    for (const event of events) {
      if (event.position <= this.told) continue;
      this.told = event.position;
      if (!inBoardScope(this.principal, event.district)) continue;
      this.lastId = event.position;
      this.write(sseFrame('issue', event, event.position));
    }
    this.told = Math.max(this.told, upTo);
  }

  /** A batch the feed published (waits while the replay runs). */
  deliver(events: LiveIssueEvent[], position: number): void {
    if (this.closed) return;
    if (this.pending) this.pending.push({ events, position });
    else this.tell(events, position);
  }

  /** Says where the reader now stands, and from then on tells each batch as it is published. */
  goLive(event: 'ready' | 'reset'): void {
    if (this.closed) return;
    this.lastId = this.told;
    this.write(sseFrame(event, { position: this.told }, this.told));
    const pending = this.pending ?? [];
    this.pending = null;
    for (const batch of pending) this.tell(batch.events, batch.position);
  }

  /**
   * Keeps the stream open through proxies; checks the session still stands (a sign-out or a
   * disabled user ends the stream); and moves the reader's id on past events it may not see.
   */
  async heartbeat(published: number): Promise<void> {
    if (this.closed || this.checking || this.pending) return;
    this.checking = true;
    try {
      if (!(await this.stillSignedIn())) {
        this.write(sseFrame('signed-out', { message: 'the session ended: sign in again' }));
        this.close();
        return;
      }
    } finally {
      this.checking = false;
    }
    this.told = Math.max(this.told, published);
    if (this.told > this.lastId) {
      this.lastId = this.told;
      this.write(sseFrame('position', { position: this.told }, this.told));
    } else this.write(SSE_HEARTBEAT);
  }

  /** Ends the stream (shutdown, a signed-out session, a reader too slow to keep up). */
  close(): void {
    if (this.closed) return;
    this.response.end();
    this.finish();
  }

  write(text: string): void {
    if (this.closed) return;
    if (!this.response.write(text) && this.response.writableLength > MAX_UNSENT_BYTES) {
      this.response.destroy();
      this.finish();
    }
  }

  private finish(): void {
    this.closed = true;
    this.pending = null;
    this.onClosed();
  }
}
