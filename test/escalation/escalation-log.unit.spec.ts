import { Logger } from '@nestjs/common';
import { EscalationLog } from '../../src/escalation/escalation-log';
import { TestClock } from './ladder-driver';

/**
 * When /health stops showing an error: once the reconciler has finished a clean pass and the
 * scheduler is not retrying a failed batch, both after the error was noted.
 */
describe('the escalation log', () => {
  let clock: TestClock;
  let log: EscalationLog;

  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => {
    clock = new TestClock();
    log = new EscalationLog(clock);
  });

  it('keeps an error, with its time, until the reconciler has passed cleanly since', () => {
    const at = clock.now().toISOString();
    log.noteError('Redis at redis://127.0.0.1:6379: connect ECONNREFUSED');
    log.scheduled();
    expect(log.report()).toEqual({
      lastError: 'Redis at redis://127.0.0.1:6379: connect ECONNREFUSED',
      lastErrorAt: at,
      lastResolvedError: null,
    });

    clock.set(Date.parse(at) + 60_000);
    log.reconciled();
    expect(log.report()).toEqual({
      lastError: null,
      lastErrorAt: null,
      lastResolvedError: {
        error: 'Redis at redis://127.0.0.1:6379: connect ECONNREFUSED',
        at,
        resolvedAt: clock.now().toISOString(),
      },
    });
  });

  it("keeps a scheduler's error until its batch has gone through, however many passes the reconciler makes", () => {
    log.noteError('scheduling checks failed, retrying the batch: Redis is not connected', 'scheduler');
    log.reconciled();
    log.reconciled();
    expect(log.lastError()).toBe('scheduling checks failed, retrying the batch: Redis is not connected');
    log.scheduled();
    expect(log.lastError()).toBeNull();
    expect(log.report().lastResolvedError?.error).toContain('scheduling checks failed');
  });

  it('counts only what happened after the error: a pass before it resolves nothing', () => {
    log.reconciled();
    log.scheduled();
    log.noteError('check worker: Connection is closed.');
    expect(log.lastError()).toBe('check worker: Connection is closed.');
    log.noteError('reconciling checks failed: Redis is not connected');
    log.reconciled();
    expect(log.report()).toMatchObject({
      lastError: null,
      lastResolvedError: { error: 'reconciling checks failed: Redis is not connected' },
    });
  });

  it('shows a new error even after an old one was resolved', () => {
    log.noteError('first');
    log.reconciled();
    log.noteError('second');
    expect(log.report()).toMatchObject({ lastError: 'second', lastResolvedError: { error: 'first' } });
  });
});
