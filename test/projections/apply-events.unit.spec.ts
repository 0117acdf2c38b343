import type { StoredEvent } from '../../src/event-store/event-store';
import { applyEvents } from '../../src/projections-runner/apply-events';
import type { Projection } from '../../src/ports/projection';
import type { Doc, DocumentWriter } from '../../src/ports/read-store';

/** A document writer that keeps docs in a map and counts the round trips a store would make. */
function countingWriter(initial: Record<string, Doc> = {}) {
  const docs = new Map(Object.entries(initial));
  const calls = { get: 0, put: 0, delete: 0 };
  const writer: DocumentWriter = {
    async get<T extends Doc>(c: string, id: string): Promise<T | null> {
      calls.get++;
      return (docs.get(`${c}/${id}`) as T | undefined) ?? null;
    },
    async put(c, id, doc) {
      calls.put++;
      docs.set(`${c}/${id}`, doc);
    },
    async delete(c, id) {
      calls.delete++;
      docs.delete(`${c}/${id}`);
    },
  };
  return { writer, docs, calls };
}

const event = (position: number, type = 'Counted'): StoredEvent => ({
  id: `e${position}`,
  streamId: 's',
  revision: position - 1,
  position,
  type,
  data: {},
  recordedAt: '2023-01-01T00:00:00.000Z',
  metadata: {
    correlationId: 'c',
    causationId: null,
    actor: 'a',
    occurredAt: '2023-01-01T00:00:00.000Z',
    schemaVersion: 1,
  },
});

/** Counts events in one doc, and deletes a scratch doc it wrote on 'Dropped'. */
const counter: Projection = {
  name: 'counter',
  collections: [{ name: 'counts' }],
  async handle(e, docs) {
    const doc = (await docs.get<{ n: number }>('counts', 'total')) ?? { n: 0 };
    await docs.put('counts', 'total', { n: doc.n + 1 });
    if (e.type === 'Dropped') await docs.delete('counts', 'scratch');
    else await docs.put('counts', 'scratch', { last: e.position });
  },
};

describe('applyEvents (write-behind cache for one batch)', () => {
  it('reads each document once and writes it once, with the same result as event by event', async () => {
    const { writer, docs, calls } = countingWriter({ 'counts/total': { n: 10 } });
    await applyEvents(counter, [event(1), event(2), event(3)], writer);
    expect(docs.get('counts/total')).toEqual({ n: 13 });
    expect(docs.get('counts/scratch')).toEqual({ last: 3 });
    expect(calls).toEqual({ get: 1, put: 2, delete: 0 });
  });

  it('turns a put followed by a delete into one delete, and leaves untouched docs alone', async () => {
    const { writer, docs, calls } = countingWriter({ 'counts/scratch': { last: 0 } });
    await applyEvents(counter, [event(1), event(2, 'Dropped')], writer);
    expect(docs.has('counts/scratch')).toBe(false);
    expect(docs.get('counts/total')).toEqual({ n: 2 });
    expect(calls).toEqual({ get: 1, put: 1, delete: 1 });
  });
});
