import * as path from 'node:path';
import type { EventStore, NewEvent } from '../src/event-store/event-store';
import { PostgresEventStore } from '../src/event-store/postgres-event-store';
import { SqliteEventStore } from '../src/event-store/sqlite-event-store';
import type { BenchConfig } from './bench-config';
import { msSince, perSecond, summarize, tick, type LatencySummary } from './stats';
import { freshTarget, type StoreSetup, type StoreTarget } from './store-setup';

export interface AppendResult {
  events: number;
  streams: number;
  streamSize: number;
  /** Appends in flight at once, each writer on streams of its own (1: sequential). */
  writers: number;
  elapsedMs: number;
  eventsPerSecond: number;
  latency: LatencySummary;
  stoppedEarly: boolean;
  /** The log read back after the run numbers its events 1..N without a gap. */
  gapFree: boolean;
}

/** An event about the size of a real IssueReported (Chinese text, ~600 bytes stored). */
export function anEvent(stream: number, revision: number): NewEvent {
  const occurredAt = new Date(Date.UTC(2024, 9, 1) + stream * 60_000 + revision * 1000).toISOString();
  return {
    id: `bench-${stream}-${revision}`,
    type: revision === 0 ? 'IssueReported' : 'RemediationCompleted',
    data: {
      issueId: `bench-${stream}`,
      title: '何厝片区共用道路破损无人管理',
      description: '多个工地共用道路破损，晴天扬尘雨天泥泞',
      category: 'on-site-rectification',
      severity: 'high',
      district: 'siming',
      site: '何厝片区',
      source: 'inspection',
      reportedBy: '驻思明区工作组',
      occurredAt,
    },
    metadata: {
      correlationId: `corr-${stream}-${revision}`,
      causationId: null,
      actor: '驻思明区工作组',
      occurredAt,
      schemaVersion: 1,
    },
  };
}

/** Whether the whole log reads back as positions 1..N, N being the head. */
export async function readsGapFree(store: EventStore): Promise<boolean> {
  let expected = 1;
  for (let after = 0; ;) {
    const page = await store.readAll({ after, maxCount: 5000 });
    if (page.length === 0) break;
    for (const event of page) if (event.position !== expected++) return false;
    after = page[page.length - 1].position;
  }
  return expected - 1 === (await store.headPosition());
}

function openStore(target: StoreTarget, writers: number): Promise<EventStore> {
  if (target.setup === 'sqlite')
    return Promise.resolve(SqliteEventStore.open(path.join(target.dataDir, 'events.db')));
  // Room for every writer's reads as well; appends themselves take at most two connections
  // (one committing, one waiting for the lock with the next batch).
  return PostgresEventStore.connect({
    connectionString: target.databaseUrl,
    schema: target.schema!,
    poolSize: writers,
  });
}

/**
 * Append throughput of one event store, without HTTP or projections: one event per append,
 * each append checking its expected revision as the command path does, each durable when it
 * resolves. Sequential (`writers` = 1), every append is its own transaction, so this measures
 * commit cost. With `writers` > 1, that many writers append at once, writer w to streams w,
 * w + writers, …: no revision conflicts, so what remains is the store's own serialisation
 * (SQLite's single writer; PostgreSQL's advisory lock, held through COMMIT to keep positions
 * gap-free), and what group commit wins back: appends in flight together share a commit.
 */
export async function benchAppend(
  setup: StoreSetup,
  config: BenchConfig,
  databaseUrl: string,
  writers: number,
  keep: boolean,
  /** @defaultValue `config.sequentialEvents` for one writer, else `config.events` */
  events = writers === 1 ? config.sequentialEvents : config.events,
): Promise<AppendResult> {
  const target = freshTarget(setup, writers === 1 ? 'append' : 'append_concurrent', databaseUrl);
  const store = await openStore(target, writers).catch(async (error: unknown) => {
    if (!keep) await target.remove();
    throw error;
  });
  const deadline = tick() + BigInt(config.phaseSeconds) * 1_000_000_000n;
  const samples: number[] = [];
  const streams = Math.ceil(events / config.streamSize);
  let stoppedEarly = false;
  const writer = async (w: number) => {
    for (let s = w; s < streams && !stoppedEarly; s += writers) {
      for (let r = 0; r < config.streamSize && samples.length < events; r++) {
        const t0 = tick();
        await store.appendToStream(`issue-bench-${s}`, [anEvent(s, r)], {
          expectedRevision: r === 0 ? 'no-stream' : r - 1,
        });
        samples.push(msSince(t0));
        if (t0 > deadline) stoppedEarly = true;
        if (stoppedEarly) return;
      }
    }
  };
  const started = tick();
  try {
    await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
    const elapsedMs = msSince(started);
    const head = await store.headPosition();
    if (head !== samples.length)
      throw new Error(`append bench: store head ${head}, expected ${samples.length}`);
    const gapFree = await readsGapFree(store);
    return {
      events: samples.length,
      streams: Math.min(streams, Math.ceil(samples.length / config.streamSize)),
      streamSize: config.streamSize,
      writers,
      elapsedMs: Math.round(elapsedMs),
      eventsPerSecond: perSecond(samples.length, elapsedMs),
      latency: summarize(samples),
      stoppedEarly,
      gapFree,
    };
  } finally {
    await store.close();
    if (!keep) await target.remove();
  }
}
