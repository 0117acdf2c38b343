import type { AppliedEvent } from '../ports/applied-batches';

/**
 * What the live stream tells a reader (GET /live, `text/event-stream`). Every message that
 * carries an `id:` sets it to a log position: the reader has been told everything it may see
 * up to there, so a reconnect's `Last-Event-ID` resumes right after it.
 */

/** `issue`: an event of an issue the reader may see, applied to the read models. */
export interface LiveIssueEvent {
  position: number;
  type: string;
  issueId: string;
  district: string;
  recordedAt: string;
}

/**
 * `ready`: the stream is open and the reader has everything up to `position` (what was missed
 * since `Last-Event-ID` was sent first). `position`: nothing the reader may see happened in
 * between, the read models stand at least at `position` (sent with the heartbeat, so a reader
 * of a quiet district resumes from near the head). `reset`: what was missed is too much to
 * replay (or the log is not the one the reader knew): read everything again.
 */
export interface LivePosition {
  position: number;
}

/** One server-sent event as it goes on the wire: `id:` (when given), `event:`, `data:` as JSON. */
export function sseFrame(event: string, data: unknown, id?: number): string {
  // JSON.stringify never writes a line break, so the data is one `data:` line.
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A comment line: keeps proxies and load balancers from closing a quiet stream. */
export const SSE_HEARTBEAT = ': keep-alive\n\n';

/** How long the browser waits before reconnecting after the stream drops (ms). */
export const SSE_RETRY_MS = 3_000;

/** The issue event of an applied event whose district is known. */
export const liveIssueEvent = (
  event: AppliedEvent & { issueId: string },
  district: string,
): LiveIssueEvent => ({
  position: event.position,
  type: event.type,
  issueId: event.issueId,
  district,
  recordedAt: event.recordedAt,
});
