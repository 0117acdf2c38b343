import type { EventStore } from '../../event-store/event-store';

/** Streams remembered at most; beyond it the memory starts again (cheap: it is only a cache). */
const MAX_STREAMS = 10_000;

/**
 * The current state of small streams (users, keys) for every request, without folding them
 * from the start each time: the folded state is remembered with its revision, and each read
 * asks the store only for what came after. The store is asked on every call, so a revocation
 * written by any engine on the same store counts at once. Streams that do not exist are not
 * remembered, so guessing names fills no memory.
 */
export class StreamFolds<Event, State> {
  private readonly known = new Map<string, { revision: number; state: State }>();

  constructor(
    private readonly store: EventStore,
    private readonly initialState: () => State,
    private readonly evolve: (state: State, event: Event) => State,
  ) {}

  async current(streamId: string): Promise<{ revision: number; state: State }> {
    const cached = this.known.get(streamId);
    const events = await this.store.readStream(streamId, { fromRevision: cached ? cached.revision + 1 : 0 });
    if (events.length === 0) return cached ?? { revision: -1, state: this.initialState() };
    const state = events.reduce(
      (s, e) => this.evolve(s, e as unknown as Event),
      cached?.state ?? this.initialState(),
    );
    const next = { revision: events[events.length - 1].revision, state };
    // Two requests may race; the later revision wins.
    if ((this.known.get(streamId)?.revision ?? -1) < next.revision) {
      if (this.known.size >= MAX_STREAMS) this.known.clear();
      this.known.set(streamId, next);
    }
    return next;
  }
}
