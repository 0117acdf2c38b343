import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  IdempotencyKeyReusedError,
  StaleRevisionError,
  TooManyConflictsError,
} from '../../src/command-handling/command-errors';
import type { CommandContext } from '../../src/command-handling/command-context';
import type { StreamType } from '../../src/command-handling/decider';
import { deterministicId } from '../../src/command-handling/idempotency';
import {
  handleCommand,
  type CommandOutcome,
  type HandleCommandOptions,
} from '../../src/command-handling/handle-command';
import type { EventStore } from '../../src/event-store/event-store';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { InvalidCommandError, StateConflictError } from '../../src/shared-kernel/domain-errors';

/**
 * The one command path on a real SQLite event store file, with a tiny aggregate of its own: a
 * tally that records each amount added and the total it was added to, so every spec can see
 * which state a decision was made on.
 */
type Added = { type: 'Added'; data: { amount: number; before: number; occurredAt: string } };
type Tally = { total: number };

const AT = '2023-03-09T01:00:00.000Z';
const tally: StreamType<Added, Tally> = {
  initialState: () => ({ total: 0 }),
  evolve: (state, event) => ({ total: state.total + event.data.amount }),
  schemaVersionOf: () => 3,
};

/** Adds `amount`; 0 decides nothing; a negative amount is refused. */
const add =
  (amount: number) =>
  (state: Tally): Added[] => {
    if (amount < 0) throw new InvalidCommandError('amount', 'must not be negative');
    return amount === 0 ? [] : [{ type: 'Added', data: { amount, before: state.total, occurredAt: AT } }];
  };

const context = (over: Partial<CommandContext> = {}): CommandContext => ({
  actor: 'tester',
  correlationId: 'corr-1',
  causationId: null,
  ...over,
});

/** No waiting between retries: the specs count attempts, not milliseconds. */
const noBackoff: HandleCommandOptions = { subject: 'tally t-1', backoff: async () => undefined };
/** As for a report: the command usually begins its stream. */
const starting: HandleCommandOptions = { ...noBackoff, startsStream: true };

describe('handleCommand on a SQLite event store file', () => {
  let dir: string;
  let file: string;
  let store: SqliteEventStore;
  const others: SqliteEventStore[] = [];
  const STREAM = 'tally-t-1';

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handle-command-'));
    file = path.join(dir, 'events.db');
    store = SqliteEventStore.open(file);
  });
  afterEach(async () => {
    for (const other of others.splice(0)) await other.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A second writer: its own connection to the same file, as another engine process has. */
  const secondWriter = (): SqliteEventStore => {
    const other = SqliteEventStore.open(file);
    others.push(other);
    return other;
  };

  /**
   * The store as the handler sees it, counting its reads and appends, with `intrude` run after
   * each of the first `times` reads of the stream: another writer appends between the
   * handler's read and its append.
   */
  const watched = (intrude: () => Promise<unknown> = async () => undefined, times = 0) => {
    const seen = Object.create(store) as EventStore & { reads: number; appends: number };
    seen.reads = 0;
    seen.appends = 0;
    seen.readStream = async (...args) => {
      const events = await store.readStream(...args);
      if (seen.reads++ < times) await intrude();
      return events;
    };
    seen.appendToStream = (...args) => {
      seen.appends++;
      return store.appendToStream(...args);
    };
    return seen;
  };
  const amounts = async () => (await store.readStream(STREAM)).map((e) => (e.data as Added['data']).amount);

  it('appends the decided events at the expected revision, in their envelope, and answers where the stream stands', async () => {
    const first = await handleCommand(store, STREAM, tally, add(5), context({ metadata: { role: 'clerk' } }));
    expect(first).toEqual({
      streamId: STREAM,
      revision: 0,
      position: 1,
      events: [{ type: 'Added', data: { amount: 5, before: 0, occurredAt: AT } }],
      replayed: false,
      state: { total: 5 },
    });
    const second = await handleCommand(store, STREAM, tally, add(2), context({ causationId: 'evt-9' }));
    expect({ revision: second.revision, position: second.position, state: second.state }).toEqual({
      revision: 1,
      position: 2,
      state: { total: 7 },
    });

    const [stored, next] = await store.readStream(STREAM);
    expect(stored.metadata).toEqual({
      role: 'clerk',
      correlationId: 'corr-1',
      causationId: null,
      actor: 'tester',
      occurredAt: AT,
      schemaVersion: 3,
    });
    expect(next.data).toEqual({ amount: 2, before: 5, occurredAt: AT });
    expect(next.metadata.causationId).toBe('evt-9');
  });

  it('answers a retried Idempotency-Key with the first answer and appends nothing, even after the stream moved on', async () => {
    const keyed = context({ idempotencyKey: 'key-1', requestHash: 'hash-a' });
    const first = await handleCommand(store, STREAM, tally, add(5), keyed);
    expect((await store.readStream(STREAM))[0].metadata).toMatchObject({
      idempotencyKey: 'key-1',
      requestHash: 'hash-a',
    });
    await handleCommand(store, STREAM, tally, add(1), context());

    const retry = await handleCommand(store, STREAM, tally, add(5), keyed);
    expect(retry).toMatchObject({
      revision: first.revision,
      position: first.position,
      events: first.events,
      replayed: true,
    });
    expect(await amounts()).toEqual([5, 1]);
    expect(await store.headPosition()).toBe(2);
  });

  it('appends a request once when two writers race with the same Idempotency-Key', async () => {
    const keyed = context({ idempotencyKey: 'key-1', requestHash: 'hash-a' });
    let other: CommandOutcome<Tally> | undefined;
    const raced = watched(async () => {
      other = await handleCommand(secondWriter(), STREAM, tally, add(5), keyed);
    }, 1);

    const mine = await handleCommand(raced, STREAM, tally, add(5), keyed, noBackoff);
    expect(await amounts()).toEqual([5]);
    // Event ids derive from the key, so any engine retrying the request names the same events.
    expect((await store.readStream(STREAM))[0].id).toBe(deterministicId(STREAM, 'key-1', '0'));
    expect({ revision: mine.revision, position: mine.position }).toEqual({
      revision: other!.revision,
      position: other!.position,
    });
  });

  it('refuses with 409 an Idempotency-Key reused for another request, appending nothing', async () => {
    await handleCommand(store, STREAM, tally, add(5), context({ idempotencyKey: 'key-1', requestHash: 'a' }));
    const reused = handleCommand(
      store,
      STREAM,
      tally,
      add(7),
      context({ idempotencyKey: 'key-1', requestHash: 'b' }),
    );
    await expect(reused).rejects.toThrow(IdempotencyKeyReusedError);
    await expect(reused).rejects.toMatchObject({
      kind: 'conflict',
      message:
        'Idempotency-Key "key-1" was already used for a different request; use a new key for a new command',
    });
    expect(await amounts()).toEqual([5]);
  });

  it('refuses with 409 a stale If-Match, appends at a current one', async () => {
    await handleCommand(store, STREAM, tally, add(5), context());
    await handleCommand(store, STREAM, tally, add(1), context());

    const stale = handleCommand(store, STREAM, tally, add(2), context({ expectedRevision: 0 }), noBackoff);
    await expect(stale).rejects.toThrow(StaleRevisionError);
    await expect(stale).rejects.toMatchObject({
      kind: 'conflict',
      message: 'If-Match: tally t-1 is at revision 1, not 0; read it again and retry',
    });
    expect(await amounts()).toEqual([5, 1]);

    const current = await handleCommand(store, STREAM, tally, add(2), context({ expectedRevision: 1 }));
    expect(current.revision).toBe(2);
  });

  it('reads and decides again when another writer appends between its read and its append', async () => {
    const raced = watched(() => handleCommand(secondWriter(), STREAM, tally, add(10), context()), 1);

    const outcome = await handleCommand(raced, STREAM, tally, add(1), context(), noBackoff);
    expect(raced.reads).toBe(2);
    expect(outcome).toMatchObject({ revision: 1, position: 2, state: { total: 11 } });
    // The second decision saw the other writer's 10: nothing was decided on a stale state.
    expect((await store.readStream(STREAM)).map((e) => e.data)).toEqual([
      { amount: 10, before: 0, occurredAt: AT },
      { amount: 1, before: 10, occurredAt: AT },
    ]);
  });

  it('a command that starts its stream appends without a read, and reads and decides again when the stream exists', async () => {
    const fresh = watched();
    const first = await handleCommand(fresh, STREAM, tally, add(5), context(), starting);
    expect({ reads: fresh.reads, appends: fresh.appends }).toEqual({ reads: 0, appends: 1 });
    expect(first).toMatchObject({ revision: 0, position: 1, state: { total: 5 } });

    // The stream is there now: the unread attempt's no-stream append fails, the second reads.
    const again = watched();
    const second = await handleCommand(again, STREAM, tally, add(2), context(), starting);
    expect({ reads: again.reads, appends: again.appends }).toEqual({ reads: 1, appends: 2 });
    expect(second).toMatchObject({ revision: 1, position: 2, state: { total: 7 } });
    expect((await store.readStream(STREAM)).map((e) => e.data)).toEqual([
      { amount: 5, before: 0, occurredAt: AT },
      { amount: 2, before: 5, occurredAt: AT },
    ]);

    // With an Idempotency-Key the stream is read first: a retry of it is answered from there.
    const keyed = watched();
    const replay = await handleCommand(
      keyed,
      STREAM,
      tally,
      add(2),
      context({ idempotencyKey: 'k-1' }),
      starting,
    );
    expect({ reads: keyed.reads, appends: keyed.appends, replayed: replay.replayed }).toEqual({
      reads: 1,
      appends: 1,
      replayed: false,
    });

    // With If-Match too: a refusal names the revision the stream is really at.
    await expect(
      handleCommand(store, STREAM, tally, add(1), context({ expectedRevision: 0 }), starting),
    ).rejects.toMatchObject({
      message: 'If-Match: tally t-1 is at revision 2, not 0; read it again and retry',
    });
  });

  it('with If-Match, a writer in between is a stale revision, not a retry', async () => {
    await handleCommand(store, STREAM, tally, add(5), context());
    const raced = watched(() => handleCommand(secondWriter(), STREAM, tally, add(10), context()), 1);

    await expect(
      handleCommand(raced, STREAM, tally, add(1), context({ expectedRevision: 0 }), noBackoff),
    ).rejects.toMatchObject({
      message: 'If-Match: tally t-1 is at revision 1, not 0; read it again and retry',
    });
    expect(raced.reads).toBe(1);
    expect(await amounts()).toEqual([5, 10]);
  });

  it('gives up with 409 after maxAttempts when another writer wins every time', async () => {
    const raced = watched(() => handleCommand(secondWriter(), STREAM, tally, add(10), context()), 99);

    const outcome = handleCommand(raced, STREAM, tally, add(1), context(), { ...noBackoff, maxAttempts: 3 });
    await expect(outcome).rejects.toThrow(TooManyConflictsError);
    await expect(outcome).rejects.toBeInstanceOf(StateConflictError);
    expect(raced.reads).toBe(3);
    expect(await amounts()).toEqual([10, 10, 10]);
  });

  it('appends nothing when the decision is nothing, or a refusal', async () => {
    const spy = watched();
    const untouched = await handleCommand(spy, STREAM, tally, add(0), context());
    expect(untouched).toEqual({
      streamId: STREAM,
      revision: -1,
      position: 0,
      events: [],
      replayed: false,
      state: { total: 0 },
    });

    await handleCommand(store, STREAM, tally, add(5), context());
    const nothing = await handleCommand(spy, STREAM, tally, add(0), context());
    expect(nothing).toMatchObject({
      revision: 0,
      position: 1,
      events: [],
      replayed: false,
      state: { total: 5 },
    });

    await expect(handleCommand(spy, STREAM, tally, add(-1), context())).rejects.toThrow(InvalidCommandError);
    expect(spy.appends).toBe(0);
    expect(await amounts()).toEqual([5]);
    expect(await store.headPosition()).toBe(1);
  });
});
