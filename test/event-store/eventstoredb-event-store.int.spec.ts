import {
  ANY,
  MaxAppendSizeExceededError,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersionError,
  type RecordedEvent,
} from '@eventstore/db-client';
import net from 'node:net';
import { WrongExpectedRevisionError } from '../../src/event-store/event-store';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb-event-store';
import {
  ORIGINAL_ID_KEY,
  esdbEventId,
  fromEsdbAppendError,
  positionNumber,
  toEsdbExpectedRevision,
  toEventData,
  toStoredEvent,
} from '../../src/event-store/eventstoredb-mapping';
import { runEventStoreContract } from './event-store.contract';
import { newEvent } from './fixtures/helpers';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const SKIPPED =
  'EventStoreDB contract suite skipped: set EVENTSTORE_CONNECTION_STRING (e.g. esdb://127.0.0.1:2113?tls=false) to run it';

if (connectionString) {
  // The contract uses random `issue-` stream ids plus `sentinel-` ones, and positions only
  // relative to the head, so a shared server is fine; its streams stay behind (ESDB keeps
  // deleted streams' events in $all until a scavenge anyway).
  runEventStoreContract(
    'EventStoreDB',
    async () => {
      const opened: EventStoreDbEventStore[] = [];
      const open = async (): Promise<EventStoreDbEventStore> => {
        const store = await EventStoreDbEventStore.connect({
          connectionString,
          streamPrefix: ['issue-', 'sentinel-'],
        });
        opened.push(store);
        return store;
      };
      return {
        store: await open(),
        reopen: open,
        cleanup: async () => {
          for (const store of opened) await store.close();
        },
      };
      // ESDB checks event ids within one stream only, and its positions are byte offsets
      // (see ContractCapabilities).
    },
    { globallyUniqueEventIds: false, gapFreePositions: false },
  );
} else {
  console.warn(SKIPPED);
  it.skip(SKIPPED, () => undefined);
}

describe('EventStoreDB connect errors (no server needed)', () => {
  it('names the address and the fix when nothing listens there', async () => {
    const error = await EventStoreDbEventStore.connect({
      connectionString: 'esdb://admin:s3cret@127.0.0.1:1?tls=false',
      connectTimeoutMs: 3000,
    }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toMatch(/^EventStoreDB: cannot use the server at 127\.0\.0\.1:1 \(.+\)\./);
    expect(error!.message).toContain('docker compose up -d eventstore');
    expect(error!.message).toContain('EVENT_STORE=sqlite');
    expect(error!.message).not.toContain('s3cret');
  });

  it('gives up after the deadline when a server accepts the connection but never answers', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const attempt = EventStoreDbEventStore.connect({
        connectionString: `esdb://127.0.0.1:${port}?tls=false`,
        connectTimeoutMs: 300,
      });
      await expect(attempt).rejects.toThrow(
        `EventStoreDB: cannot use the server at 127.0.0.1:${port} (no answer to a one-event read of $all within 300 ms).`,
      );
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('EventStoreDB mapping (no server needed)', () => {
  it('maps expected revisions and the client conflict error to ours', () => {
    expect(toEsdbExpectedRevision('any')).toBe(ANY);
    expect(toEsdbExpectedRevision('no-stream')).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision('stream-exists')).toBe(STREAM_EXISTS);
    expect(toEsdbExpectedRevision(7)).toBe(7n);

    const missing = new WrongExpectedVersionError(undefined, {
      streamName: 'issue-1',
      expected: 0n,
      current: NO_STREAM,
    });
    expect(fromEsdbAppendError(missing, 'issue-1', 0)).toEqual(
      new WrongExpectedRevisionError('issue-1', 0, -1),
    );
    const moved = new WrongExpectedVersionError(undefined, {
      streamName: 'issue-1',
      expected: NO_STREAM,
      current: 2n,
    });
    expect(fromEsdbAppendError(moved, 'issue-1', 'no-stream')).toMatchObject({
      streamId: 'issue-1',
      expected: 'no-stream',
      actual: 2,
    });
    const tooBig = MaxAppendSizeExceededError.fromMaxAppendSize(1048576);
    expect(fromEsdbAppendError(tooBig, 'issue-1', 'any')).toMatchObject({
      message: expect.stringMatching(
        /^append to issue-1: .* over 1048576 bytes .*EVENTSTORE_MAX_APPEND_SIZE/,
      ),
      cause: tooBig,
    });
    const other = new Error('boom');
    expect(fromEsdbAppendError(other, 'issue-1', 'any')).toBe(other);
  });

  it('keeps UUID ids, turns other ids into stable UUIDs, and gives the original back on read', () => {
    const uuidEvent = newEvent();
    expect(toEventData(uuidEvent)).toMatchObject({ id: uuidEvent.id, metadata: uuidEvent.metadata });

    const event = { ...newEvent('IssueReported', { title: '何厝' }), id: 'evt-issue-42' };
    const data = toEventData(event);
    expect(data.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(esdbEventId('evt-issue-42')).toBe(data.id);
    expect(esdbEventId('evt-issue-43')).not.toBe(data.id);
    expect(data.metadata).toEqual({ ...event.metadata, [ORIGINAL_ID_KEY]: 'evt-issue-42' });

    // What the client hands back for that event when reading it (see convertGrpcRecord).
    const recorded = {
      streamId: 'issue-42',
      id: data.id,
      isJson: true,
      revision: 3n,
      type: 'IssueReported',
      created: new Date('2023-07-05T01:02:03.456Z'),
      data: { title: '何厝' },
      metadata: data.metadata,
      position: { commit: 4096n, prepare: 4096n },
    } as RecordedEvent;
    expect(toStoredEvent(recorded)).toEqual({
      id: 'evt-issue-42',
      type: 'IssueReported',
      data: { title: '何厝' },
      metadata: event.metadata,
      streamId: 'issue-42',
      revision: 3,
      position: 4096,
      recordedAt: '2023-07-05T01:02:03.456Z',
    });
  });

  it('refuses a missing or out-of-range position instead of inventing one', () => {
    expect(positionNumber({ commit: 123n, prepare: 123n }, 'e')).toBe(123);
    expect(() => positionNumber(undefined, 'event x')).toThrow(/event x.*22\.6 or later/);
    expect(() => positionNumber({ commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n }, 'event y')).toThrow(
      /event y/,
    );
  });
});
