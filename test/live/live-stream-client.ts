import type { Answer, Client } from '../e2e/test-app';

/** One server-sent event as a reader gets it. */
export interface LiveMessage {
  id: string | null;
  event: string;
  data: any;
}

/**
 * A reader of GET /live over real HTTP (fetch, as EventSource would, but with the headers a
 * test chooses): parses the stream into messages, answers the next one that matches, and
 * remembers every one it got. A refusal (401, 403, 400) is read as JSON like any answer.
 */
export class LiveStream {
  readonly messages: LiveMessage[] = [];
  /** Comment lines (heartbeats) received. */
  comments = 0;
  private readonly waiting: Array<() => void> = [];
  private ended = false;

  private constructor(
    readonly status: number,
    readonly headers: Headers,
    private readonly controller: AbortController,
    body: ReadableStream<Uint8Array> | null,
  ) {
    if (body) void this.read(body);
  }

  /** Opens the stream for `client` (its bearer token, or `headers` such as a cookie). */
  static async open(
    url: string,
    client: Pick<Client, 'token'> | null,
    options: { lastEventId?: string; after?: number; headers?: Record<string, string> } = {},
  ): Promise<LiveStream> {
    const controller = new AbortController();
    const response = await fetch(
      `${url}/live${options.after === undefined ? '' : `?after=${options.after}`}`,
      {
        headers: {
          accept: 'text/event-stream',
          ...(client?.token && { authorization: `Bearer ${client.token}` }),
          ...(options.lastEventId !== undefined && { 'last-event-id': options.lastEventId }),
          ...options.headers,
        },
        signal: controller.signal,
      },
    );
    if (response.status !== 200) {
      const text = await response.text();
      const stream = new LiveStream(response.status, response.headers, controller, null);
      stream.refusal = text ? JSON.parse(text) : null;
      stream.ended = true;
      return stream;
    }
    return new LiveStream(response.status, response.headers, controller, response.body);
  }

  /** The JSON body of a refused stream. */
  refusal: any = null;

  /** The next message (from the start of the stream) that `matches`; throws if the stream ends first. */
  async next(
    matches: (m: LiveMessage) => boolean,
    what = 'a message',
    timeoutMs = 15_000,
  ): Promise<LiveMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(matches);
      if (found) return found;
      if (this.ended)
        throw new Error(`the stream ended before ${what}; got ${JSON.stringify(this.messages)}`);
      if (Date.now() > deadline)
        throw new Error(`no ${what} in ${timeoutMs} ms; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The issue events received, in order. */
  issueEvents(): any[] {
    return this.messages.filter((m) => m.event === 'issue').map((m) => m.data);
  }

  /** The id of the last message that carried one: what a browser would send as Last-Event-ID. */
  lastEventId(): string | null {
    return [...this.messages].reverse().find((m) => m.id !== null)?.id ?? null;
  }

  isEnded(): boolean {
    return this.ended;
  }

  /** Resolves once the engine ended the stream (or it was closed). */
  async end(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error(`the stream did not end in ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.controller.abort();
  }

  /** As an Answer for the access matrix: the status, and the issues told before `ready` as items. */
  async asAnswer(): Promise<Answer> {
    if (this.status !== 200) return { status: this.status, body: this.refusal, headers: this.headers };
    await this.next((m) => m.event === 'ready' || m.event === 'reset', 'ready');
    this.close();
    return { status: 200, body: { items: this.issueEvents() }, headers: this.headers };
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // aborted by close(), or the engine ended the stream
    } finally {
      this.ended = true;
      this.wake();
    }
  }

  private parse(block: string): void {
    let id: string | null = null;
    let event = 'message';
    const data: string[] = [];
    let fields = 0;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        this.comments++;
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      fields++;
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (fields > 0 && data.length > 0) this.messages.push({ id, event, data: JSON.parse(data.join('\n')) });
    this.wake();
  }

  private wake(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}
