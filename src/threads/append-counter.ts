/**
 * After a wake-up, how long a worker reads on before it waits again: the most this adds to the
 * projections' lag, and only under load. Each look is one batch, and each batch costs the
 * projector a read-store commit (its pages of nine issue indexes rewritten whatever the batch
 * holds) and the scheduler a Redis round trip or two, so a longer pause means fewer, larger
 * batches: at 16 concurrent commands 6 ms gave 9% more of them per second than 2 ms, with 14%
 * less CPU each, and 12 ms no more than 6 (docs/benchmarks.md, 2026-12-06).
 */
export const LOOK_AGAIN_MS = 6;

/**
 * How the main thread tells its workers that it appended: a counter in shared memory, raised
 * at each commit, that a worker waits on. A message per commit to each worker cost the main
 * thread 7.6% of its time at 16 concurrent commands: each one woke a worker, and a wake-up
 * costs the waker 10 to 30 µs here. Raising the counter while no one waits costs a third of
 * a microsecond, and a worker under load waits only when it has caught up.
 */
export class AppendCounter {
  private readonly count: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    this.count = new Int32Array(buffer);
  }

  /** The main thread committed: raise the count and wake a worker that waits. */
  raise(): void {
    Atomics.add(this.count, 0, 1);
    Atomics.notify(this.count, 0);
  }

  /**
   * The worker's side: calls `listener` once the count has moved since the last call, until
   * `stopped` says so (checked at each wake-up; a pending wait does not keep the thread alive).
   */
  async watch(listener: () => void, stopped: () => boolean): Promise<void> {
    let seen = Atomics.load(this.count, 0);
    while (!stopped()) {
      const wait = Atomics.waitAsync(this.count, 0, seen);
      if (wait.async) await wait.value;
      const now = Atomics.load(this.count, 0);
      if (now === seen || stopped()) continue;
      seen = now;
      listener();
      // Under load, look again in a moment instead of waiting at once: appends meanwhile find
      // no one waiting, so the main thread pays no wake-up for them, and the next look sees
      // them all. A worker that finds nothing new waits, and a lone append wakes it at once.
      await new Promise<void>((resolve) => setTimeout(resolve, LOOK_AGAIN_MS));
    }
  }
}
