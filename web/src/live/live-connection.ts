/**
 * The page's one connection to the engine's live stream (GET /live, Server-Sent Events). The
 * engine tells an issue event once its projections applied it, so a view told about one reads
 * it back at once. EventSource sends the session cookie and, after a dropped connection,
 * reconnects by itself with the last id it got (`Last-Event-ID`): the engine replays what was
 * missed. When the engine refuses or ends the stream for good (stopping, signed out), this
 * opens a new one after a pause, from the last id, with `?after=`.
 */

/** An issue event the reader may see (the stream's `issue` message). */
export interface LiveIssueEvent {
  position: number;
  type: string;
  issueId: string;
  district: string;
  recordedAt: string;
}

/** `event`: one issue event; `reset`: too much was missed, read everything again. */
export type LiveNews = { kind: 'event'; event: LiveIssueEvent } | { kind: 'reset'; position: number };

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

export interface LiveConnection {
  close(): void;
}

/** Pause before opening a new stream once one was refused or closed for good. */
const REOPEN_MS = 5_000;

/**
 * A tab hidden this long gives its stream up, and resumes from its last id when shown again:
 * over HTTP/1.1 a browser keeps six connections to the engine, and each open stream holds one.
 */
const HIDDEN_MS = 60_000;

export function connectLive(handlers: {
  onNews: (news: LiveNews) => void;
  onStatus: (status: LiveStatus) => void;
  /** The stream was refused: the session may be gone (the caller asks /auth/me). */
  onRefused: () => void;
}): LiveConnection {
  let source: EventSource | null = null;
  let lastId: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const positionOf = (message: MessageEvent<string>): number | null => {
    if (message.lastEventId) lastId = message.lastEventId;
    try {
      const data = JSON.parse(message.data) as { position?: unknown };
      return typeof data.position === 'number' ? data.position : null;
    } catch {
      return null;
    }
  };

  const open = () => {
    if (closed) return;
    handlers.onStatus('connecting');
    const url = lastId === null ? '/live' : `/live?after=${encodeURIComponent(lastId)}`;
    const es = new EventSource(url, { withCredentials: true });
    source = es;
    const live = (message: MessageEvent<string>) => {
      positionOf(message);
      handlers.onStatus('live');
    };
    es.addEventListener('ready', live);
    es.addEventListener('position', live);
    es.addEventListener('reset', (message: MessageEvent<string>) => {
      const position = positionOf(message);
      handlers.onStatus('live');
      handlers.onNews({ kind: 'reset', position: position ?? 0 });
    });
    es.addEventListener('issue', (message: MessageEvent<string>) => {
      if (message.lastEventId) lastId = message.lastEventId;
      try {
        handlers.onNews({ kind: 'event', event: JSON.parse(message.data) as LiveIssueEvent });
      } catch {
        // a message this page does not understand: the next refresh shows it anyway
      }
    });
    es.addEventListener('signed-out', () => {
      es.close();
      handlers.onRefused();
    });
    es.onerror = () => {
      if (closed) return;
      // CONNECTING: the browser reconnects by itself, from the last id. CLOSED: it gave up
      // (a refusal, an engine stopping): open a new stream after a pause.
      handlers.onStatus('reconnecting');
      if (es.readyState === EventSource.CLOSED) {
        handlers.onRefused();
        es.close();
        source = null;
        timer = setTimeout(() => {
          timer = null;
          open();
        }, REOPEN_MS);
      }
    };
  };

  let hiddenTimer: ReturnType<typeof setTimeout> | null = null;
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') {
      hiddenTimer ??= setTimeout(() => {
        source?.close();
        source = null;
      }, HIDDEN_MS);
      return;
    }
    if (hiddenTimer) clearTimeout(hiddenTimer);
    hiddenTimer = null;
    // Shown again after giving the stream up: what was missed is replayed, and the views read again.
    if (source === null && timer === null) open();
  };
  document.addEventListener('visibilitychange', onVisibility);

  open();
  return {
    close() {
      closed = true;
      document.removeEventListener('visibilitychange', onVisibility);
      for (const pending of [timer, hiddenTimer]) if (pending) clearTimeout(pending);
      source?.close();
    },
  };
}
