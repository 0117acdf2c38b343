import type { BatchRange, DocumentWriter, OpenRange, ProjectionRange } from '../ports/read-store';

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

/**
 * A store's one transaction of checkpoints and documents: compare-and-set every range's
 * checkpoint from its `from`, run `fn`, move each checkpoint to the position `fn` gives it.
 */
export type CheckpointTransaction = (
  ranges: OpenRange[],
  fn: (writer: DocumentWriter) => Promise<number[]>,
) => Promise<void>;

/** `applyBatches` on a store's transaction: every range ends where it says. */
export async function closedBatches(
  transact: CheckpointTransaction,
  ranges: ProjectionRange[],
  fn: (writer: DocumentWriter) => Promise<void>,
): Promise<void> {
  for (const range of ranges) assertBatchRange(range.projection, range);
  await transact(ranges, async (writer) => {
    await fn(writer);
    return ranges.map((r) => r.to);
  });
}

/** `applyOpenBatches` on a store's transaction: every range ends where `fn` says it stopped. */
export async function openBatches(
  transact: CheckpointTransaction,
  ranges: OpenRange[],
  fn: (writer: DocumentWriter) => Promise<number>,
): Promise<void> {
  await transact(ranges, async (writer) => {
    const to = await fn(writer);
    for (const range of ranges) assertBatchRange(range.projection, { from: range.from, to });
    return ranges.map(() => to);
  });
}
