import { msSince, tick } from './stats';

export interface Timed<T> {
  status: number;
  body: T;
  ms: number;
}

/**
 * A minimal JSON client over fetch (keep-alive, loopback). A status other than the expected
 * one is a broken benchmark, not a slow one, so it throws with the engine's own message.
 */
export class HttpClient {
  private token: string | null = null;

  constructor(readonly baseUrl: string) {}

  /**
   * Signs in as admin, creates the benchmark's leadership user (every issue command,
   * city-wide) and sends its token from then on: the load goes through sign-in and the access
   * policy like any client's.
   */
  async signIn(adminPassword: string): Promise<this> {
    const password = 'Bench-Leader-2023';
    const admin = await this.post<{ accessToken: string }>(
      '/auth/login',
      { username: 'admin', password: adminPassword },
      200,
    );
    this.token = admin.body.accessToken;
    const created = await this.request(
      'POST',
      '/users',
      { username: 'bench-leader', displayName: '局领导', role: 'leadership', password },
      0,
    );
    if (created.status !== 201 && created.status !== 409) throw new Error(`bench user: ${created.status}`);
    this.token = null;
    const leader = await this.post<{ accessToken: string }>(
      '/auth/login',
      { username: 'bench-leader', password },
      200,
    );
    this.token = leader.body.accessToken;
    return this;
  }

  /** The signed-in user's bearer token, for clients of the engine that are not JSON (the live stream). */
  bearer(): string | null {
    return this.token;
  }

  async post<T = any>(route: string, body: unknown, expect = 201): Promise<Timed<T>> {
    return this.request<T>('POST', route, body, expect);
  }

  async get<T = any>(route: string, expect = 200): Promise<Timed<T>> {
    return this.request<T>('GET', route, undefined, expect);
  }

  /** `expect` 0 takes any status. */
  private async request<T>(method: string, route: string, body: unknown, expect: number): Promise<Timed<T>> {
    const started = tick();
    const response = await fetch(this.baseUrl + route, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(this.token && { authorization: `Bearer ${this.token}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const ms = msSince(started);
    if (expect !== 0 && response.status !== expect) {
      throw new Error(
        `${method} ${route} answered ${response.status} (expected ${expect}): ${text.slice(0, 500)}`,
      );
    }
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T, ms };
  }
}

/**
 * Runs `work(0..count-1)` with at most `concurrency` in flight, each worker taking the next
 * index when it is free. Stops handing out work once `deadline` (a tick) has passed.
 * Answers how many items were done.
 */
export async function runPool(
  count: number,
  concurrency: number,
  deadline: bigint,
  work: (index: number) => Promise<void>,
): Promise<{ done: number; stoppedEarly: boolean }> {
  let nextIndex = 0;
  let done = 0;
  let stoppedEarly = false;
  const worker = async () => {
    while (nextIndex < count) {
      if (tick() > deadline) {
        stoppedEarly = true;
        return;
      }
      const index = nextIndex++;
      await work(index);
      done++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { done, stoppedEarly };
}
