import { deterministicId } from '../../src/command-handling/idempotency';
import type { EventStore, NewEvent, StoredEvent } from '../../src/event-store/event-store';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const ISSUE_STREAM = 'issue-';
/** Appends in flight at once: the store's group commit writes them in a few transactions. */
const IN_FLIGHT = 64;

export interface Multiplied {
  /** Issues in the demo as loaded through the API. */
  demoIssues: number;
  /** Issues in the log afterwards (demo and copies). */
  issues: number;
  /** Events the copies added. */
  events: number;
  ms: number;
}

async function readIssueStreams(store: EventStore): Promise<Map<string, StoredEvent[]>> {
  const streams = new Map<string, StoredEvent[]>();
  for (let after = 0; ;) {
    const batch = await store.readAll({ after, maxCount: 2000 });
    if (batch.length === 0) return streams;
    for (const event of batch) {
      if (!event.streamId.startsWith(ISSUE_STREAM)) continue;
      const stream = streams.get(event.streamId) ?? [];
      stream.push(event);
      streams.set(event.streamId, stream);
    }
    after = batch[batch.length - 1].position;
  }
}

/**
 * Copy `copy` of one issue's stream: the same story with every id in it (the issue's, its
 * items', the events' and their correlations) replaced by one derived from the copy number, the
 * title numbered, and no Idempotency-Key (the copies were never requests).
 */
function copyOf(events: StoredEvent[], copy: number): { streamId: string; events: NewEvent[] } {
  const remap = (text: string) => text.replace(UUID, (id) => deterministicId('bench-copy', String(copy), id));
  const streamId = remap(events[0].streamId);
  return {
    streamId,
    events: events.map((event) => {
      const { idempotencyKey: _key, requestHash: _hash, ...metadata } = event.metadata;
      const data = JSON.parse(remap(JSON.stringify(event.data))) as Record<string, unknown>;
      if (event.type === 'IssueReported' && typeof data.title === 'string')
        data.title = `${data.title}（${copy}）`;
      return {
        id: remap(event.id),
        type: event.type,
        data,
        metadata: JSON.parse(remap(JSON.stringify(metadata))) as NewEvent['metadata'],
      };
    }),
  };
}

/**
 * "The demo multiplied": appends copies of the demo's issue streams straight into the event
 * store (the engine stopped), until the log holds `target` issues. The engine's projections
 * then catch up from their checkpoints as after any restart; nothing but the issue streams is
 * copied (the daily record and the reviews stay the demo's).
 */
export async function multiplyDemo(store: EventStore, target: number): Promise<Multiplied> {
  const started = Date.now();
  const originals = [...(await readIssueStreams(store)).values()];
  if (originals.length === 0) throw new Error('no issue in the log to multiply: load the demo first');
  const copies: Array<{ streamId: string; events: NewEvent[] }> = [];
  for (let copy = 1, issues = originals.length; issues < target; copy++)
    for (const original of originals) {
      if (issues++ >= target) break;
      copies.push(copyOf(original, copy));
    }
  let next = 0;
  let events = 0;
  const worker = async () => {
    while (next < copies.length) {
      const { streamId, events: batch } = copies[next++];
      await store.appendToStream(streamId, batch, { expectedRevision: 'no-stream' });
      events += batch.length;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return {
    demoIssues: originals.length,
    issues: originals.length + copies.length,
    events,
    ms: Date.now() - started,
  };
}
