import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { suspensionsProjection } from '../../projections/suspensions';
import type { EventStore, NewEvent, ReadAllOptions } from '../../src/event-store/event-store';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { Projector } from '../../src/projections-runner/projector';
import { SqliteReadStore } from '../../src/read-store/sqlite-read-store';
import { suspensionStreamId } from '../../src/suspensions/domain/suspension-events';
import { SuspensionBook } from '../../src/suspensions/suspension-book';
import { newEvent, numbered } from '../event-store/fixtures/helpers';

const huliIssue = { issueId: 'i1', district: 'huli' };

const approved = (suspensionId: string): NewEvent =>
  newEvent('SuspensionApproved', {
    suspensionId,
    scope: { kind: 'district', district: 'huli' },
    from: '2026-07-01T00:00:00.000Z',
    until: '2026-07-03T00:00:00.000Z',
    reason: '台风预警',
    approvedBy: '局领导',
    occurredAt: '2026-06-30T08:00:00.000Z',
  });

const lifted = (suspensionId: string): NewEvent =>
  newEvent('SuspensionLifted', {
    suspensionId,
    reason: '复工',
    liftedBy: '局领导',
    endedAt: '2026-07-02T00:00:00.000Z',
    occurredAt: '2026-07-02T00:00:00.000Z',
  });

/**
 * The engine's suspension book when nothing feeds it batches (the escalation scheduler runs in
 * its own thread): a refresh far behind the log takes the suspensions read model where it is
 * further on, instead of reading every event since, and is exact either way.
 */
describe('SuspensionBook, far behind the log', () => {
  let dir: string;
  let store: SqliteEventStore;
  let reads: SqliteReadStore;
  /** How many events the book read from the log. */
  let eventsRead: number;
  let book: SuspensionBook;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suspension-book-'));
    store = SqliteEventStore.open(path.join(dir, 'events.db'));
    reads = SqliteReadStore.open(path.join(dir, 'read-models.db'));
    eventsRead = 0;
    const counted: EventStore = Object.create(store) as EventStore;
    counted.readAll = async (options?: ReadAllOptions) => {
      const events = await store.readAll(options);
      eventsRead += events.length;
      return events;
    };
    book = new SuspensionBook(counted, reads);
    await store.appendToStream(suspensionStreamId('s1'), [approved('s1')]);
    await book.refresh();
    expect(book.periodsFor(huliIssue).map((s) => s.endsAt)).toEqual(['2026-07-03T00:00:00.000Z']);
    eventsRead = 0;
    // The log moves on by thousands of other events and the lift.
    await store.appendToStream('others', numbered(2500));
    await store.appendToStream(suspensionStreamId('s1'), [lifted('s1')], { expectedRevision: 0 });
  });

  afterEach(async () => {
    await store.close();
    await reads.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes the read model where it is further on, and reads only the log after it', async () => {
    const projector = new Projector(store, reads, [suspensionsProjection]);
    await projector.start();
    expect(await projector.waitForPosition(await store.headPosition(), 10_000)).toBe(true);
    await projector.stop();
    await store.appendToStream('others', [
      { ...approved('x'), id: 'later', type: 'Numbered', data: { n: -1 } },
    ]);

    await book.refresh();
    expect(book.periodsFor(huliIssue).map((s) => s.endsAt)).toEqual(['2026-07-02T00:00:00.000Z']);
    expect(eventsRead).toBe(1);
  });

  it('reads the log when the read model is no further on, and is exact', async () => {
    await book.refresh();
    expect(book.periodsFor(huliIssue).map((s) => s.endsAt)).toEqual(['2026-07-02T00:00:00.000Z']);
    expect(eventsRead).toBe(2501);
  });
});
