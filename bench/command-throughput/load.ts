import autocannon from 'autocannon';

/**
 * One timed round of JSON POSTs by autocannon: raw sockets and a request buffer built once per
 * request, so the load generator costs a small share of what the engine under test costs.
 * (The fetch-based HttpClient topped out near 2,500 requests/s on a Fastify hello-world here:
 * it measured itself.) Every answer must carry `expectStatus`; anything else is a broken
 * benchmark and throws.
 */
export async function postRound(options: {
  url: string;
  path: string;
  connections: number;
  seconds: number;
  token: string | null;
  body: (i: number) => unknown;
  expectStatus: number;
}): Promise<{ perSecond: number; requests: number }> {
  let next = 0;
  const wrong: string[] = [];
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: 'POST',
        path: options.path,
        headers: {
          'content-type': 'application/json',
          ...(options.token && { authorization: `Bearer ${options.token}` }),
        },
        setupRequest: (request) => ({ ...request, body: JSON.stringify(options.body(next++)) }),
        onResponse: (status, body) => {
          if (status !== options.expectStatus && wrong.length < 3)
            wrong.push(`${status}: ${body.slice(0, 300)}`);
        },
      },
    ],
  });
  if (wrong.length > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${options.path} answered otherwise than ${options.expectStatus} (${result.errors} errors, ${result.timeouts} timeouts): ${wrong.join(' | ')}`,
    );
  }
  const answered = result[`${Math.floor(options.expectStatus / 100)}xx` as '2xx'];
  return { perSecond: Math.round(answered / options.seconds), requests: answered };
}
