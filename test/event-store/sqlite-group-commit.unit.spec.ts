import type { AppendOutcome } from '../../src/event-store/append-batch';
import { SqliteGroupCommit } from '../../src/event-store/sqlite-group-commit';

/**
 * A group commit whose "transactions" are recorded, each append succeeding at its index. Its
 * gathering wait is in the spec's hands: `endGathering` runs the flush it put off.
 */
function recorded() {
  const batches: string[][] = [];
  const gathering: Array<() => void> = [];
  const commits = new SqliteGroupCommit(
    (batch): AppendOutcome[] => {
      batches.push(batch.map((a) => a.streamId));
      return batch.map((_, i) => ({ ok: true, result: { revision: 0, position: i + 1 }, wrote: true }));
    },
    () => undefined,
    (flush) => {
      gathering.push(flush);
      return () => gathering.splice(gathering.indexOf(flush), 1);
    },
  );
  const append = (streamId: string) => commits.append({ streamId, events: [], expected: 'any' });
  const endGathering = () => gathering.splice(0).forEach((flush) => flush());
  return { batches, append, commits, endGathering };
}

/** Runs `fn` in the next turn's check phase, after the immediates queued before it. */
const nextImmediate = (fn: () => Promise<unknown>) =>
  new Promise((resolve) => setImmediate(() => resolve(fn())));

describe('the embedded group commit', () => {
  it('commits the appends of one turn together', async () => {
    const { batches, append } = recorded();
    await Promise.all([append('a'), append('b'), append('c')]);
    expect(batches).toEqual([['a', 'b', 'c']]);
  });

  it('flushes a lone writer in its own turn: an append of the next turn goes in a commit of its own', async () => {
    const { batches, append } = recorded();
    await append('lone');
    await Promise.all([append('first'), nextImmediate(() => append('next turn'))]);
    expect(batches).toEqual([['lone'], ['first'], ['next turn']]);
  });

  it('under concurrent commands, lets the appends right behind a batch join the next commit', async () => {
    const { batches, append, endGathering } = recorded();
    await Promise.all([append('a'), append('b')]);
    const c = append('c');
    const d = nextImmediate(() => append('d'));
    // Turns of the event loop pass while the batch gathers; then it ends and commits both.
    await nextImmediate(() => nextImmediate(async () => undefined));
    endGathering();
    await Promise.all([c, d]);
    expect(batches).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('writes what is still queued when flushed at close', async () => {
    const { batches, append, commits } = recorded();
    await Promise.all([append('a'), append('b')]);
    const queued = append('c');
    commits.flush();
    await queued;
    expect(batches).toEqual([['a', 'b'], ['c']]);
  });
});
