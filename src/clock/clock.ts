/**
 * The one place the application reads the wall clock. The domain never does: handlers read
 * `now()` once per command and pass it in. Tests that need another time swap the provider.
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };
