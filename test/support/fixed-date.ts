/**
 * Sets `Date` alone to `now` (and lets it run on from there), every timer staying real: for
 * specs whose business clock is a fixed day while the store stamps `recordedAt` with the
 * process time, so a deadline that would already be past on the real date is still ahead.
 * Undo with `jest.useRealTimers()`.
 */
export function fixDate(now: Date): void {
  jest.useFakeTimers({
    now,
    advanceTimers: true,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}
