/**
 * Read-your-writes: the highest log position this page has written at. Reads of projections
 * pass it as `minPosition`, so a list or a counter read right after a command already shows it
 * (the engine waits, a few seconds at most, for its projections to get there).
 */
let lastWritten = 0;

export function noteWrite(answer: { position?: unknown } | null | undefined): void {
  const position = answer?.position;
  if (typeof position === 'number' && position > lastWritten) lastWritten = position;
}

/** undefined before the first write, so reads carry no needless parameter. */
export const minPosition = (): number | undefined => (lastWritten > 0 ? lastWritten : undefined);
