/**
 * Read-your-writes: the highest log position this page has written at, or been told about by
 * the live stream. Reads of projections pass it as `minPosition`, so a list or a counter read
 * right after a command (or a live event) already shows it (the engine waits, a few seconds
 * at most, for its projections to get there; for a live event they are there already).
 */
let lastWritten = 0;

export function noteWrite(answer: { position?: unknown } | null | undefined): void {
  const position = answer?.position;
  if (typeof position === 'number' && position > lastWritten) lastWritten = position;
}

/** A position the live stream told: the engine's projections have applied it. */
export function noteSeen(position: number): void {
  if (position > lastWritten) lastWritten = position;
}

/** The live stream said to read everything again from `position` (the log may have started afresh). */
export function restartAt(position: number): void {
  lastWritten = position;
}

/** undefined before the first write, so reads carry no needless parameter. */
export const minPosition = (): number | undefined => (lastWritten > 0 ? lastWritten : undefined);
