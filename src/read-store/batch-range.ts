import type { BatchRange } from '../ports/read-store';

/** Refuses a range that would move a checkpoint backwards. */
export function assertBatchRange(projection: string, range: BatchRange): void {
  const ok =
    Number.isSafeInteger(range.from) &&
    Number.isSafeInteger(range.to) &&
    range.from >= 0 &&
    range.to >= range.from;
  if (!ok)
    throw new RangeError(
      `batch of projection ${projection} must move its checkpoint forwards, got ${range.from} → ${range.to}`,
    );
}
