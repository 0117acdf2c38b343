import { DelayedError, type Job } from 'bullmq';
import type { EscalationCheck } from '../../../src/escalation/checks/escalation-check';
import { checkProcessor, type CheckWorkerOptions } from '../../../src/escalation/queue/check-worker';
import type { ExecuteIssueCommand } from '../../../src/issues/commands/execute-issue-command';

/**
 * The worker's last look before it acts: a check the rules in force time otherwise is put back
 * to its new time (never fired early), one they no longer ask for is done with nothing
 * appended, and one timed by them runs as queued.
 */
const NOW = new Date('2026-12-01T10:00:00.000Z');
const queued: EscalationCheck = {
  kind: 'escalate',
  issueId: 'i-1',
  trigger: 'overdue',
  remediationId: 'r-1',
  level: 2,
  dueAt: '2026-12-01T08:00:00.000Z',
  runAt: '2026-12-01T10:00:00.000Z',
  escalatesAt: '2026-12-01T10:00:00.000Z',
  share: null,
  policyVersion: 'old000000000',
  calendarVersion: 'cal000000000',
};

function fakeJob(data: EscalationCheck) {
  const calls: string[] = [];
  const job = {
    id: 'escalate-i-1-item-r-1-L2-1',
    name: 'escalate',
    data,
    updateData: async (next: EscalationCheck) => {
      calls.push(`updateData ${next.runAt}`);
      job.data = next;
    },
    moveToDelayed: async (at: number) => {
      calls.push(`moveToDelayed ${new Date(at).toISOString()}`);
    },
  };
  return { job: job as unknown as Job<EscalationCheck>, calls };
}

const processorWith = (revise: CheckWorkerOptions['revise'], executed: ExecuteIssueCommand[]) =>
  checkProcessor({
    connection: {},
    prefix: 'x',
    concurrency: 1,
    clock: { now: () => NOW },
    revise,
    execute: async (command) => {
      executed.push(command);
      return {
        issueId: command.issueId,
        revision: 3,
        position: 9,
        events: [{ type: 'IssueEscalated', data: {} }],
        replayed: false,
      };
    },
  });

describe('a check timed by rules no longer in force', () => {
  it('is put back to the time the rules in force give it, not fired early', async () => {
    const executed: ExecuteIssueCommand[] = [];
    const later = {
      ...queued,
      runAt: '2026-12-01T12:00:00.000Z',
      escalatesAt: '2026-12-01T12:00:00.000Z',
      policyVersion: 'new000000000',
    };
    const { job, calls } = fakeJob(queued);
    await expect(processorWith(async () => later, executed)(job, 'token')).rejects.toBeInstanceOf(
      DelayedError,
    );
    expect(calls).toEqual(['updateData 2026-12-01T12:00:00.000Z', 'moveToDelayed 2026-12-01T12:00:00.000Z']);
    expect(executed).toEqual([]);
  });

  it('is done with nothing appended when the rules in force no longer ask for it', async () => {
    const executed: ExecuteIssueCommand[] = [];
    const { job } = fakeJob(queued);
    expect(await processorWith(async () => null, executed)(job)).toEqual({ appended: [], position: 0 });
    expect(executed).toEqual([]);
  });

  it('runs with the versions in force when its time has come under them', async () => {
    const executed: ExecuteIssueCommand[] = [];
    const now = { ...queued, policyVersion: 'new000000000' };
    const { job, calls } = fakeJob(queued);
    expect(await processorWith(async () => now, executed)(job)).toMatchObject({
      appended: ['IssueEscalated'],
    });
    expect(calls).toEqual(['updateData 2026-12-01T10:00:00.000Z']);
    expect(executed[0].command).toMatchObject({
      data: { policyVersion: 'new000000000', calendarVersion: 'cal000000000' },
    });
  });
});
