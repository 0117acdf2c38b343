import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a webhook receiver saw it. */
export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  /** Arrival order across every receiver in the test file. */
  seq: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

let arrivals = 0;

/**
 * A real HTTP receiver on a free port. It answers the given statuses in turn, then `then`,
 * so a test can script "500, 500, then 200".
 */
export async function startReceiver(script: number[] = [], then = 200, path = '/hook'): Promise<Receiver> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), seq: ++arrivals });
      const status = script[received.length - 1] ?? then;
      res
        .writeHead(status, { 'Content-Type': 'text/plain' })
        .end(status < 300 ? 'ok' : `refused with ${status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    // A token in the query, as chat robots have, so the test also shows it stays out of reasons.
    url: `http://127.0.0.1:${port}${path}?access_token=secret-token-${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // fetch keeps connections alive; without this, close waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
