import type { Subscription } from './event-store';

/**
 * The subscriptions a store has handed out, so `close()` can stop them all before it lets go
 * of its connection: a subscriber never reads from a closed store.
 */
export class SubscriptionSet {
  private readonly live = new Set<Subscription>();

  /** Wraps `inner` so that stopping it also forgets it. */
  track(inner: Subscription): Subscription {
    const subscription: Subscription = {
      stop: async () => {
        this.live.delete(subscription);
        await inner.stop();
      },
    };
    this.live.add(subscription);
    return subscription;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.live].map((s) => s.stop()));
  }
}
