/**
 * Freezes `value` and everything reachable from it, so a decider or an `evolve` that writes to
 * a cached state throws a TypeError (strict mode) instead of silently changing the state the
 * next command decides on. A frozen object is taken as frozen all the way down: states are
 * immutable by convention, so `evolve` shares the unchanged parts of the previous (already
 * frozen) state and each new state costs only the objects it adds.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
