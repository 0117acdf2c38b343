interface Waiter {
  position: number;
  resolve: (caughtUp: boolean) => void;
  timer: NodeJS.Timeout;
}

/**
 * Read-your-writes: callers waiting for the read models to reach a log position, answered
 * true as soon as they do, false after their timeout. Shared by the projector in this thread
 * and the one in a worker thread, which differ only in how they learn where they stand.
 */
export class PositionWaiters {
  private readonly waiters = new Set<Waiter>();

  /** `current` is where the read models stand now. */
  constructor(private readonly current: () => number) {}

  wait(position: number, timeoutMs: number): Promise<boolean> {
    if (this.current() >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        position,
        resolve,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          resolve(false);
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Answers every waiter the read models have now reached. */
  moved(): void {
    const position = this.current();
    for (const waiter of this.waiters) {
      if (waiter.position > position) continue;
      clearTimeout(waiter.timer);
      this.waiters.delete(waiter);
      waiter.resolve(true);
    }
  }

  /** Answers everyone at once (stopping): true for those already reached, false for the rest. */
  releaseAll(): void {
    const position = this.current();
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.resolve(position >= waiter.position);
    }
    this.waiters.clear();
  }
}
