import { AggregateCache } from '../../src/command-handling/aggregate-cache';
import { followInCache } from '../../src/command-handling/aggregate-stream';
import type { StreamType } from '../../src/command-handling/decider';
import type { StoredEvent } from '../../src/event-store/event-store';

/** A stream whose state lists the revisions folded into it, so a spec sees exactly which were. */
type Seen = { revisions: number[] };
const seen: StreamType<{ type: 'E'; data: { occurredAt: string; revision: number } }, Seen> = {
  initialState: () => ({ revisions: [] }),
  evolve: (s, e) => ({ revisions: [...s.revisions, e.data.revision] }),
  schemaVersionOf: () => 1,
};

const event = (revision: number, idempotencyKey?: string): StoredEvent => ({
  id: `e-${revision}`,
  streamId: 's',
  type: 'E',
  revision,
  position: 100 + revision,
  data: { occurredAt: '2026-01-01T00:00:00.000Z', revision },
  metadata: {
    correlationId: 'c',
    causationId: null,
    actor: 'a',
    occurredAt: '2026-01-01T00:00:00.000Z',
    schemaVersion: 1,
    ...(idempotencyKey && { idempotencyKey }),
  },
  recordedAt: '2026-01-01T00:00:00.000Z',
});
const events = (...revisions: number[]) => revisions.map((r) => event(r));

describe('followInCache (a batch of the log folded into the cached state)', () => {
  it('begins the entry of a stream it holds from revision 0, keys included', () => {
    const cache = new AggregateCache(10);
    const entry = followInCache(cache, 's', seen, [event(0), event(1, 'key-1')]);
    expect(entry).toMatchObject({ state: { revisions: [0, 1] }, revision: 1, position: 101 });
    expect(entry?.keys.get('key-1')).toMatchObject({ firstRevision: 1, lastRevision: 1, position: 101 });
    expect(cache.get('s', seen)?.revision).toBe(1);
  });

  it('continues an entry with the events after its revision only, and stops at a gap', () => {
    const cache = new AggregateCache(10);
    followInCache(cache, 's', seen, events(0, 1));
    expect(followInCache(cache, 's', seen, events(1, 2, 3, 5))?.state).toEqual({ revisions: [0, 1, 2, 3] });
    expect(cache.get('s', seen)?.revision).toBe(3);
  });

  it('leaves to the next read what does not continue the entry, or a stream it holds no start of', () => {
    const cache = new AggregateCache(10);
    expect(followInCache(cache, 's', seen, events(2, 3))).toBeUndefined();
    expect(cache.size).toBe(0);
    followInCache(cache, 's', seen, events(0));
    expect(followInCache(cache, 's', seen, events(2, 3))).toMatchObject({
      state: { revisions: [0] },
      revision: 0,
    });
  });
});
