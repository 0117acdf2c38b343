import {
  type EventStore,
  type ExpectedRevision,
  type StoredEvent,
  WrongExpectedRevisionError,
} from '../../src/event-store/event-store';
import { metadata, newEvent, newStreamId, numbered, sleep, waitUntil } from './fixtures/helpers';

/** What an adapter's spec hands the contract for each test. */
export interface ContractSubject {
  /** A store ready to use; other tests' streams may be in it, but never this test's. */
  store: EventStore;
  /** Opens the same storage again (the suite closes `store` first), to prove durability. */
  reopen?: () => Promise<EventStore>;
  /** Closes whatever the factory opened (closing twice must be harmless) and removes data. */
  cleanup(): Promise<void>;
}

/** What an adapter honestly cannot promise; the suite then checks the weaker behaviour. */
export interface ContractCapabilities {
  /**
   * Event ids are unique across the whole store, not only within one stream. EventStoreDB
   * checks ids per stream only. @defaultValue true
   */
  globallyUniqueEventIds?: boolean;
  /**
   * Positions are 1..N without gaps (SQLite, PostgreSQL); EventStoreDB's are byte offsets,
   * strictly increasing only. @defaultValue true
   */
  gapFreePositions?: boolean;
}

/**
 * The one behaviour every EventStore adapter must show. Assertions on positions only assume
 * they are strictly increasing; adapters that promise gap-free 1..N test that themselves.
 */
export function runEventStoreContract(
  name: string,
  factory: () => Promise<ContractSubject>,
  capabilities: ContractCapabilities = {},
): void {
  const globallyUniqueEventIds = capabilities.globallyUniqueEventIds ?? true;
  const gapFreePositions = capabilities.gapFreePositions ?? true;
  describe(`EventStore contract: ${name}`, () => {
    let subject: ContractSubject;
    let store: EventStore;
    beforeEach(async () => {
      subject = await factory();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    const ns = (events: StoredEvent[]): unknown[] => events.map((e) => (e.data as { n: number }).n);

    async function expectConflict(
      append: Promise<unknown>,
      streamId: string,
      expected: ExpectedRevision,
      actual: number,
    ): Promise<void> {
      const error = await append.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId, expected, actual });
    }

    describe('appending and reading a stream', () => {
      it('reads back what was appended, in order, with revisions from 0 and store time', async () => {
        const streamId = newStreamId();
        const events = numbered(3);
        const result = await store.appendToStream(streamId, events);
        const read = await store.readStream(streamId);
        expect(result.revision).toBe(2);
        expect(read.map((e) => e.id)).toEqual(events.map((e) => e.id));
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(ns(read)).toEqual([0, 1, 2]);
        expect(read.every((e) => e.streamId === streamId && e.type === 'Numbered')).toBe(true);
        expect(read[2].position).toBe(result.position);
        for (const e of read) expect(new Date(e.recordedAt).toISOString()).toBe(e.recordedAt);
      });

      it('continues revisions across appends and reads an unknown stream as empty', async () => {
        const streamId = newStreamId();
        await store.appendToStream(streamId, numbered(2));
        const second = await store.appendToStream(streamId, numbered(1, 2));
        expect(second.revision).toBe(2);
        expect(ns(await store.readStream(streamId))).toEqual([0, 1, 2]);
        expect(await store.readStream(newStreamId())).toEqual([]);
      });
    });

    describe('expected revision', () => {
      it("'any' appends to a new and to an existing stream", async () => {
        const streamId = newStreamId();
        await store.appendToStream(streamId, numbered(1), { expectedRevision: 'any' });
        const result = await store.appendToStream(streamId, numbered(1, 1), { expectedRevision: 'any' });
        expect(result.revision).toBe(1);
      });

      it("'no-stream' creates a stream, and refuses an existing one without appending", async () => {
        const streamId = newStreamId();
        await store.appendToStream(streamId, numbered(2), { expectedRevision: 'no-stream' });
        const head = await store.headPosition();
        await expectConflict(
          store.appendToStream(streamId, numbered(2, 2), { expectedRevision: 'no-stream' }),
          streamId,
          'no-stream',
          1,
        );
        expect(ns(await store.readStream(streamId))).toEqual([0, 1]);
        expect(await store.headPosition()).toBe(head);
      });

      it("'stream-exists' appends to an existing stream, and refuses a missing one", async () => {
        const streamId = newStreamId();
        await expectConflict(
          store.appendToStream(streamId, numbered(1), { expectedRevision: 'stream-exists' }),
          streamId,
          'stream-exists',
          -1,
        );
        expect(await store.readStream(streamId)).toEqual([]);
        await store.appendToStream(streamId, numbered(1));
        const result = await store.appendToStream(streamId, numbered(1, 1), {
          expectedRevision: 'stream-exists',
        });
        expect(result.revision).toBe(1);
      });

      it('an exact revision appends only when the stream is exactly there', async () => {
        const streamId = newStreamId();
        await expectConflict(
          store.appendToStream(streamId, numbered(1), { expectedRevision: 0 }),
          streamId,
          0,
          -1,
        );
        await store.appendToStream(streamId, numbered(2), { expectedRevision: 'no-stream' });
        const result = await store.appendToStream(streamId, numbered(1, 2), { expectedRevision: 1 });
        expect(result.revision).toBe(2);
        await expectConflict(
          store.appendToStream(streamId, numbered(2, 9), { expectedRevision: 1 }),
          streamId,
          1,
          2,
        );
        await expectConflict(
          store.appendToStream(streamId, numbered(1, 9), { expectedRevision: 5 }),
          streamId,
          5,
          2,
        );
        expect(ns(await store.readStream(streamId))).toEqual([0, 1, 2]);
      });

      it('of 20 concurrent appends expecting the same revision, exactly one wins', async () => {
        const streamId = newStreamId();
        await store.appendToStream(streamId, numbered(1));
        const attempts = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) =>
            store.appendToStream(streamId, [newEvent('Numbered', { n: 100 + i })], { expectedRevision: 0 }),
          ),
        );
        const won = attempts.filter((a) => a.status === 'fulfilled');
        const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost.every((a) => a.reason instanceof WrongExpectedRevisionError)).toBe(true);
        const read = await store.readStream(streamId);
        expect(read.map((e) => e.revision)).toEqual([0, 1]);
      });
    });

    describe('idempotent append by event id', () => {
      it('a retry returns the first result and appends nothing, whatever it expects', async () => {
        const streamId = newStreamId();
        const events = numbered(2);
        const first = await store.appendToStream(streamId, events, { expectedRevision: 'no-stream' });
        await store.appendToStream(streamId, numbered(1, 2));
        const head = await store.headPosition();
        const retry = await store.appendToStream(streamId, events, { expectedRevision: 'no-stream' });
        expect(retry).toEqual(first);
        expect(ns(await store.readStream(streamId))).toEqual([0, 1, 2]);
        expect(await store.headPosition()).toBe(head);
      });

      it('refuses ids that are stored only in part or in another stream, appending nothing', async () => {
        const streamId = newStreamId();
        const [a, b] = numbered(2);
        await store.appendToStream(streamId, [a, b]);
        await expect(store.appendToStream(streamId, [a, newEvent()])).rejects.toThrow(Error);
        await expect(store.appendToStream(streamId, [b, a])).rejects.toThrow(Error);
        expect(ns(await store.readStream(streamId))).toEqual([0, 1]);
        if (!globallyUniqueEventIds) return;
        const other = newStreamId();
        await expect(store.appendToStream(other, [a])).rejects.toThrow(Error);
        expect(await store.readStream(other)).toEqual([]);
      });
    });

    describe('appends committed together (group commit)', () => {
      /** Every event after `before` whose stream is one of `streams`, in log order. */
      async function logOf(before: number, streams: string[]): Promise<StoredEvent[]> {
        const log: StoredEvent[] = [];
        for (let after = before; ;) {
          const page = await store.readAll({ after, maxCount: 1000 });
          if (page.length === 0) break;
          log.push(...page);
          after = page[page.length - 1].position;
        }
        return log.filter((e) => streams.includes(e.streamId));
      }

      it('N concurrent appends to distinct streams all succeed, each atomic, positions in order', async () => {
        const before = await store.headPosition();
        const streams = Array.from({ length: 24 }, () => newStreamId());
        // Started in one turn of the event loop: a store that groups commits takes them together.
        const results = await Promise.all(
          streams.map((streamId, i) =>
            store.appendToStream(streamId, numbered(1 + (i % 3)), { expectedRevision: 'no-stream' }),
          ),
        );
        expect(results.map((r) => r.revision)).toEqual(streams.map((_, i) => i % 3));
        const log = await logOf(before, streams);
        expect(log).toHaveLength(24 * 2);
        for (let i = 1; i < log.length; i++) expect(log[i].position).toBeGreaterThan(log[i - 1].position);
        streams.forEach((streamId, i) => {
          // One append's events are adjacent in the log, and its result names its last one.
          const at = log.findIndex((e) => e.streamId === streamId);
          const own = log.slice(at, at + 1 + (i % 3));
          expect(own.map((e) => [e.streamId, e.revision])).toEqual(own.map((_, r) => [streamId, r]));
          expect(results[i].position).toBe(own[own.length - 1].position);
        });
        if (gapFreePositions) {
          expect(log.map((e) => e.position)).toEqual(log.map((_, i) => before + 1 + i));
          expect(await store.headPosition()).toBe(before + log.length);
        }
      });

      it('concurrent appends at the same expected revision: one wins, each other gets its own conflict', async () => {
        const contested = newStreamId();
        await store.appendToStream(contested, numbered(1));
        const bystanders = Array.from({ length: 6 }, () => newStreamId());
        const attempts = await Promise.allSettled([
          ...Array.from({ length: 12 }, (_, i) =>
            store.appendToStream(contested, [newEvent('Numbered', { n: 100 + i })], { expectedRevision: 0 }),
          ),
          ...bystanders.map((streamId) => store.appendToStream(streamId, numbered(1))),
        ]);
        const contest = attempts.slice(0, 12);
        expect(contest.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
        const lost = contest.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
        expect(lost).toHaveLength(11);
        for (const { reason } of lost) {
          // Checked against the stream as the winner left it, even when they committed together.
          expect(reason).toBeInstanceOf(WrongExpectedRevisionError);
          expect(reason).toMatchObject({ streamId: contested, expected: 0, actual: 1 });
        }
        expect(attempts.slice(12).every((a) => a.status === 'fulfilled')).toBe(true);
        expect((await store.readStream(contested)).map((e) => e.revision)).toEqual([0, 1]);
        for (const streamId of bystanders) expect(await store.readStream(streamId)).toHaveLength(1);
      });

      it('a failing append does not fail the appends committed with it, and writes nothing itself', async () => {
        const before = await store.headPosition();
        const existing = newStreamId();
        const [a, b] = numbered(2);
        await store.appendToStream(existing, [a, b]);
        const good = [newStreamId(), newStreamId(), newStreamId()];
        const badRevision = newStreamId();
        const settled = await Promise.allSettled([
          store.appendToStream(good[0], numbered(1), { expectedRevision: 'no-stream' }),
          store.appendToStream(badRevision, numbered(2), { expectedRevision: 5 }),
          store.appendToStream(good[1], numbered(3)),
          store.appendToStream(existing, numbered(1), { expectedRevision: 'no-stream' }),
          store.appendToStream(existing, [b, newEvent()]),
          store.appendToStream(good[2], numbered(2), { expectedRevision: 'no-stream' }),
          store.appendToStream(existing, numbered(1, 2), { expectedRevision: 1 }),
        ]);
        expect(settled.map((x) => x.status)).toEqual([
          'fulfilled',
          'rejected',
          'fulfilled',
          'rejected',
          'rejected',
          'fulfilled',
          'fulfilled',
        ]);
        const reason = (i: number): unknown => (settled[i] as PromiseRejectedResult).reason;
        expect(reason(1)).toMatchObject({ streamId: badRevision, expected: 5, actual: -1 });
        expect(reason(3)).toBeInstanceOf(WrongExpectedRevisionError);
        expect(reason(3)).toMatchObject({ streamId: existing, expected: 'no-stream' });
        // 1 where it was checked before the last append of the list (in one batch, in call order).
        expect([1, 2]).toContain((reason(3) as WrongExpectedRevisionError).actual);
        expect(reason(4)).toBeInstanceOf(Error);
        expect(reason(4)).not.toBeInstanceOf(WrongExpectedRevisionError);
        expect(ns(await store.readStream(good[1]))).toEqual([0, 1, 2]);
        expect(ns(await store.readStream(existing))).toEqual([0, 1, 2]);
        expect(await store.readStream(badRevision)).toEqual([]);
        const log = await logOf(before, [existing, badRevision, ...good]);
        expect(log).toHaveLength(2 + 1 + 3 + 2 + 1);
        if (gapFreePositions) expect(await store.headPosition()).toBe(before + log.length);
      });

      it('the same append sent twice at once is written once; both get its result', async () => {
        const streamId = newStreamId();
        const events = numbered(2);
        const [first, second] = await Promise.all([
          store.appendToStream(streamId, events, { expectedRevision: 'no-stream' }),
          store.appendToStream(streamId, events, { expectedRevision: 'no-stream' }),
        ]);
        expect(second).toEqual(first);
        expect(first.revision).toBe(1);
        expect((await store.readStream(streamId)).map((e) => e.id)).toEqual(events.map((e) => e.id));
      });

      it('an append is durable once its promise resolves: all of them are there after a reopen', async () => {
        if (!subject.reopen) return;
        const streams = Array.from({ length: 16 }, () => newStreamId());
        const resolved: Array<[string, number]> = [];
        await Promise.all(
          streams.map((streamId) =>
            store
              .appendToStream(streamId, numbered(1))
              .then((result) => void resolved.push([streamId, result.position])),
          ),
        );
        await store.close();
        store = await subject.reopen();
        expect(resolved).toHaveLength(16);
        for (const [streamId, position] of resolved) {
          const [event] = await store.readStream(streamId);
          expect(event.position).toBe(position);
        }
      });
    });

    describe('reading', () => {
      it('reads a stream forwards and backwards from a revision with a maximum count', async () => {
        const streamId = newStreamId();
        await store.appendToStream(streamId, numbered(5));
        expect(ns(await store.readStream(streamId, { fromRevision: 2 }))).toEqual([2, 3, 4]);
        expect(ns(await store.readStream(streamId, { fromRevision: 2, maxCount: 2 }))).toEqual([2, 3]);
        expect(ns(await store.readStream(streamId, { maxCount: 2 }))).toEqual([0, 1]);
        expect(ns(await store.readStream(streamId, { direction: 'backwards' }))).toEqual([4, 3, 2, 1, 0]);
        const back = await store.readStream(streamId, {
          direction: 'backwards',
          fromRevision: 3,
          maxCount: 2,
        });
        expect(ns(back)).toEqual([3, 2]);
        expect(ns(await store.readStream(streamId, { direction: 'backwards', maxCount: 1 }))).toEqual([4]);
      });

      it('reads the global log in order after a position; small pages give the same list', async () => {
        const before = await store.headPosition();
        const s1 = newStreamId();
        const s2 = newStreamId();
        for (let i = 0; i < 4; i++) {
          await store.appendToStream(s1, numbered(1, i));
          await store.appendToStream(s2, numbered(2, 10 * i));
        }
        const all = (await store.readAll({ after: before, maxCount: 1000 })).filter((e) =>
          [s1, s2].includes(e.streamId),
        );
        expect(all).toHaveLength(12);
        expect(all.map((e) => e.streamId).slice(0, 3)).toEqual([s1, s2, s2]);
        for (let i = 1; i < all.length; i++) expect(all[i].position).toBeGreaterThan(all[i - 1].position);

        const paged: StoredEvent[] = [];
        for (let after = before; ;) {
          const page = await store.readAll({ after, maxCount: 5 });
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(5);
          paged.push(...page);
          after = page[page.length - 1].position;
        }
        expect(paged.filter((e) => [s1, s2].includes(e.streamId))).toEqual(all);
        const tail = await store.readAll({ after: all[5].position });
        expect(tail.filter((e) => [s1, s2].includes(e.streamId))).toEqual(all.slice(6));
      });

      it('reads the events at given positions in log order, leaving out positions that hold none', async () => {
        const s1 = newStreamId();
        const s2 = newStreamId();
        await store.appendToStream(s1, numbered(3));
        await store.appendToStream(s2, numbered(2, 10));
        const written = [...(await store.readStream(s1)), ...(await store.readStream(s2))];
        const [a, , c, d] = written;
        const head = await store.headPosition();
        const picked = await store.readPositions([
          d.position,
          a.position,
          c.position,
          a.position,
          head + 1000,
          -1,
          0.5,
        ]);
        expect(picked).toEqual([a, c, d]);
        expect(await store.readPositions([])).toEqual([]);
      });

      it('headPosition is the position of the last committed event', async () => {
        expect(await store.headPosition()).toBeGreaterThanOrEqual(0);
        const result = await store.appendToStream(newStreamId(), numbered(3));
        expect(await store.headPosition()).toBe(result.position);
      });
    });

    describe('round trips', () => {
      it('keeps metadata, extra keys and Chinese text exactly', async () => {
        const streamId = newStreamId();
        const meta = metadata({
          correlationId: 'corr-何厝-1',
          causationId: 'cmd-42',
          actor: '思明区工作组 张三',
          occurredAt: '2023-03-15T00:30:00.000Z',
          schemaVersion: 2,
          idempotencyKey: 'key-1',
          requestHash: 'sha256:abc',
          client: { ip: '10.0.0.1', tags: ['现场', 'inspection'] },
        });
        const data = {
          title: '何厝片区共用道路破损',
          site: '钟宅',
          decisions: ['排水', '每日保洁'],
          days: 8,
          ok: true,
          none: null,
        };
        const event = { id: `evt-${streamId}`, type: 'IssueReported', data, metadata: meta };
        await store.appendToStream(streamId, [event]);
        const [read] = await store.readStream(streamId);
        expect(read).toMatchObject({ id: event.id, type: 'IssueReported', data, metadata: meta });
        const fromAll = (await store.readAll({ after: read.position - 1, maxCount: 1 }))[0];
        expect(fromAll).toEqual(read);
      });

      it('keeps a payload of about one megabyte', async () => {
        const streamId = newStreamId();
        const text = '共用道路破损 road damage '.repeat((1024 * 1024) / 16).slice(0, 1024 * 1024);
        await store.appendToStream(streamId, [newEvent('Big', { text })]);
        const [read] = await store.readStream(streamId);
        expect((read.data as { text: string }).text).toBe(text);
      });

      it('keeps everything across close and reopen, when the adapter can reopen', async () => {
        if (!subject.reopen) return;
        const streamId = newStreamId();
        const first = await store.appendToStream(streamId, numbered(2));
        await store.close();
        store = await subject.reopen();
        expect(ns(await store.readStream(streamId))).toEqual([0, 1]);
        expect(await store.headPosition()).toBe(first.position);
        const next = await store.appendToStream(streamId, numbered(1, 2), { expectedRevision: 1 });
        expect(next.revision).toBe(2);
      });
    });

    describe('subscribe', () => {
      const ofStream = (events: StoredEvent[], streamId: string): StoredEvent[] =>
        events.filter((e) => e.streamId === streamId);

      it('catches up from a checkpoint, then follows live appends in order, exactly once', async () => {
        const streamId = newStreamId();
        const checkpoint = (await store.appendToStream(streamId, numbered(2))).position;
        await store.appendToStream(streamId, numbered(3, 2));
        const seen: StoredEvent[] = [];
        const sub = store.subscribe({
          after: checkpoint,
          onBatch: async (batch) => void seen.push(...batch),
        });
        try {
          await waitUntil(() => ofStream(seen, streamId).length === 3, 'catch-up');
          await store.appendToStream(streamId, numbered(1, 5));
          await store.appendToStream(streamId, numbered(1, 6));
          // A sentinel after the live events: once it is seen, any duplicate would be too.
          const sentinel = newStreamId('sentinel');
          await store.appendToStream(sentinel, numbered(1));
          await waitUntil(() => ofStream(seen, sentinel).length === 1, 'sentinel');
        } finally {
          await sub.stop();
        }
        expect(ns(ofStream(seen, streamId))).toEqual([2, 3, 4, 5, 6]);
        expect(seen.every((e) => e.position > checkpoint)).toBe(true);
        for (let i = 1; i < seen.length; i++) expect(seen[i].position).toBeGreaterThan(seen[i - 1].position);
      });

      it('delivers batches no larger than batchSize', async () => {
        const before = await store.headPosition();
        const streamId = newStreamId();
        await store.appendToStream(streamId, numbered(5));
        const sizes: number[] = [];
        const seen: StoredEvent[] = [];
        const sub = store.subscribe({
          after: before,
          batchSize: 2,
          onBatch: async (batch) => {
            sizes.push(batch.length);
            seen.push(...batch);
          },
        });
        await waitUntil(() => ofStream(seen, streamId).length === 5, 'all five');
        await sub.stop();
        expect(Math.max(...sizes)).toBeLessThanOrEqual(2);
        expect(ns(ofStream(seen, streamId))).toEqual([0, 1, 2, 3, 4]);
      });

      it('retries a failed batch from the same place and reports the error', async () => {
        const before = await store.headPosition();
        const streamId = newStreamId();
        await store.appendToStream(streamId, numbered(3));
        const failure = new Error('read model unavailable');
        const errors: unknown[] = [];
        const attemptsFirstIds: string[] = [];
        const done: StoredEvent[] = [];
        const sub = store.subscribe({
          after: before,
          onError: (e) => errors.push(e),
          onBatch: async (batch) => {
            attemptsFirstIds.push(batch[0].id);
            if (attemptsFirstIds.length === 1) throw failure;
            done.push(...batch);
          },
        });
        await waitUntil(() => ofStream(done, streamId).length === 3, 'redelivery');
        await sub.stop();
        expect(errors[0]).toBe(failure);
        expect(attemptsFirstIds[1]).toBe(attemptsFirstIds[0]);
        expect(ns(ofStream(done, streamId))).toEqual([0, 1, 2]);
      });

      it('with many writers committing at once, a live subscriber skips nothing and repeats nothing', async () => {
        // The sequence-gap problem: an event whose transaction commits after a later position
        // became visible must still be delivered. Adapters prove the interleaving itself
        // deterministically; this is the observable promise, for every adapter.
        const before = await store.headPosition();
        const prefix = newStreamId('concurrent');
        const seen: StoredEvent[] = [];
        const sub = store.subscribe({
          after: before,
          batchSize: 5,
          onBatch: async (batch) => void seen.push(...batch),
        });
        try {
          await Promise.all(
            Array.from({ length: 8 }, async (_, w) => {
              for (let i = 0; i < 20; i++)
                await store.appendToStream(`${prefix}-${w}-${i % 2}`, numbered(1 + (i % 2), i));
            }),
          );
          const sentinel = newStreamId('sentinel');
          await store.appendToStream(sentinel, numbered(1));
          await waitUntil(() => ofStream(seen, sentinel).length === 1, 'sentinel', 30_000);
        } finally {
          await sub.stop();
        }
        const mine = (events: StoredEvent[]): StoredEvent[] =>
          events.filter((e) => e.streamId.startsWith(prefix));
        const log: StoredEvent[] = [];
        for (let after = before; ;) {
          const page = await store.readAll({ after, maxCount: 1000 });
          if (page.length === 0) break;
          log.push(...page);
          after = page[page.length - 1].position;
        }
        expect(mine(log)).toHaveLength(8 * 30);
        expect(mine(seen).map((e) => e.id)).toEqual(mine(log).map((e) => e.id));
        for (let i = 1; i < seen.length; i++) expect(seen[i].position).toBeGreaterThan(seen[i - 1].position);
      });

      it('stop waits for the batch in flight, and nothing is delivered after it', async () => {
        const before = await store.headPosition();
        const streamId = newStreamId();
        await store.appendToStream(streamId, numbered(1));
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        let calls = 0;
        let finished = false;
        const sub = store.subscribe({
          after: before,
          onBatch: async () => {
            calls++;
            await gate;
            finished = true;
          },
        });
        await waitUntil(() => calls === 1, 'first batch');
        let stopped = false;
        const stopping = sub.stop().then(() => (stopped = true));
        await sleep(50);
        expect(stopped).toBe(false);
        release();
        await stopping;
        expect(finished).toBe(true);
        await store.appendToStream(streamId, numbered(1, 1));
        await sleep(300);
        expect(calls).toBe(1);
      });
    });
  });
}
