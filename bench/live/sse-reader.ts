import { tick } from '../stats';

/**
 * One reader of GET /live for the benchmark: notes when each `issue` message arrived (a tick),
 * by log position, and lets the run wait for a position.
 */
export class SseReader {
  readonly arrivals = new Map<number, bigint>();
  private readonly waiters = new Map<number, Array<() => void>>();
  private readyResolve: (() => void) | null = null;
  readonly ready: Promise<void>;
  private readonly controller = new AbortController();

  private constructor() {
    this.ready = new Promise((resolve) => (this.readyResolve = resolve));
  }

  static async open(url: string, token: string): Promise<SseReader> {
    const reader = new SseReader();
    const response = await fetch(`${url}/live`, {
      headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
      signal: reader.controller.signal,
    });
    if (response.status !== 200 || !response.body)
      throw new Error(`GET /live answered ${response.status}: ${await response.text()}`);
    void reader.read(response.body);
    await reader.ready;
    return reader;
  }

  /** Resolves once the message of `position` arrived. */
  arrived(position: number): Promise<void> {
    if (this.arrivals.has(position)) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.waiters.get(position) ?? [];
      list.push(resolve);
      this.waiters.set(position, list);
    });
  }

  close(): void {
    this.controller.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        const at = tick();
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.message(buffer.slice(0, end), at);
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // closed by the run
    }
  }

  private message(block: string, at: bigint): void {
    const event = /^event: (.*)$/m.exec(block)?.[1];
    if (event === 'ready') this.readyResolve?.();
    if (event !== 'issue') return;
    const position = Number(/^id: (\d+)$/m.exec(block)?.[1]);
    this.arrivals.set(position, at);
    for (const resolve of this.waiters.get(position) ?? []) resolve();
    this.waiters.delete(position);
  }
}
