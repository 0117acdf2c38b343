import { AppendCounter, LOOK_AGAIN_MS } from '../../src/threads/append-counter';

const tick = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The main thread's appends as a worker sees them (here both sides on one thread, sharing the
 * buffer as two threads would): a raise while the worker waits wakes it, raises while it
 * reads on are seen together at its next look, and nothing wakes it once it stopped.
 */
describe('AppendCounter', () => {
  it('wakes a waiting worker at a raise, and folds the raises made while it reads on into one look', async () => {
    const main = new AppendCounter();
    const worker = new AppendCounter(main.buffer);
    let looks = 0;
    let stopped = false;
    const watching = worker.watch(
      () => looks++,
      () => stopped,
    );
    await tick();
    expect(looks).toBe(0);

    main.raise();
    await tick();
    expect(looks).toBe(1);

    // Three appends within the worker's moment of reading on: one more look, not three.
    main.raise();
    main.raise();
    main.raise();
    await tick(LOOK_AGAIN_MS * 5);
    expect(looks).toBe(2);

    // Caught up, it waits: nothing new, no look.
    await tick(LOOK_AGAIN_MS * 5);
    expect(looks).toBe(2);

    stopped = true;
    main.raise();
    await watching;
    expect(looks).toBe(2);
  });
});
