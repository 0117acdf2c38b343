import { AggregateCache, type CachedAggregate } from '../../src/command-handling/aggregate-cache';
import type { StreamType } from '../../src/command-handling/decider';
import { deepFreeze } from '../../src/command-handling/deep-freeze';

type State = { n: number };
const counter: StreamType<{ type: 'N'; data: { occurredAt: string } }, State> = {
  initialState: () => ({ n: 0 }),
  evolve: (s) => ({ n: s.n + 1 }),
  schemaVersionOf: () => 1,
};
const otherKind: typeof counter = { ...counter };

const entry = (revision: number, stream = counter): CachedAggregate<State> => ({
  stream,
  state: { n: revision + 1 },
  revision,
  position: revision + 1,
  keys: new Map(),
});

describe('AggregateCache', () => {
  it('keeps at most its capacity of streams, dropping the least recently used first', () => {
    const cache = new AggregateCache(2);
    cache.set('a', entry(0));
    cache.set('b', entry(0));
    expect(cache.get('a', counter)?.revision).toBe(0); // a is now the most recently used
    cache.set('c', entry(0));

    expect(cache.size).toBe(2);
    expect(cache.get('b', counter)).toBeUndefined();
    expect(cache.get('a', counter)).toBeDefined();
    expect(cache.get('c', counter)).toBeDefined();
  });

  it('keeps the newer revision when two loads of one stream finish out of order', () => {
    const cache = new AggregateCache(10);
    cache.set('a', entry(5));
    cache.set('a', entry(3));
    expect(cache.get('a', counter)?.revision).toBe(5);
    cache.set('a', entry(6));
    expect(cache.get('a', counter)?.revision).toBe(6);
  });

  it('keeps one entry per stream type, so two readers folding one stream differently do not evict each other', () => {
    const cache = new AggregateCache(10);
    cache.set('a', entry(1));
    expect(cache.get('a', otherKind)).toBeUndefined();
    cache.set('a', entry(4, otherKind));
    expect(cache.get('a', counter)?.revision).toBe(1);
    expect(cache.get('a', otherKind)?.revision).toBe(4);

    cache.delete('a', counter);
    expect(cache.get('a', counter)).toBeUndefined();
    expect(cache.get('a', otherKind)?.revision).toBe(4);
  });

  it('keeps nothing at capacity 0, and refuses a capacity that is not a whole number', () => {
    const cache = new AggregateCache(0);
    cache.set('a', entry(1));
    expect(cache.size).toBe(0);
    expect(() => new AggregateCache(-1)).toThrow(
      'AggregateCache capacity must be a whole number ≥ 0, got -1',
    );
  });
});

describe('deepFreeze', () => {
  it('freezes every object and array reachable from the value', () => {
    const state = deepFreeze({ items: { r1: { status: 'assigned' } }, ids: ['m-1'], at: null });
    expect(Object.isFrozen(state)).toBe(true);
    expect(Object.isFrozen(state.items.r1)).toBe(true);
    expect(() => state.ids.push('m-2')).toThrow(TypeError);
    expect(() => {
      state.items.r1.status = 'verified';
    }).toThrow(TypeError);
  });
});
