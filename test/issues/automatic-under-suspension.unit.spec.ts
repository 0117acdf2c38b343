import { decideIssue, type DecisionContext, type IssueCommand } from '../../src/issues/domain';
import { NotYetDueError } from '../../src/shared-kernel/domain-errors';
import { ISSUE_ID, assigned, foldIssue, meta, reported } from './given-when-then';

const DUE = '2023-03-15T09:00:00.000Z';
const AT = '2023-03-15T10:00:00.000Z';
const UNTIL = new Date('2023-03-17T09:00:00.000Z');
const events = [reported(), assigned('r-1', DUE)];

const escalate: IssueCommand = {
  type: 'EscalateAutomatically',
  data: { level: 1, trigger: 'overdue', remediationId: 'r-1', dueAt: new Date(DUE), firesAt: new Date(DUE) },
  metadata: meta(AT, new Date(AT)),
};
const warn: IssueCommand = {
  type: 'WarnOfEscalation',
  data: {
    trigger: 'overdue',
    remediationId: 'r-1',
    dueAt: new Date(DUE),
    nextLevel: 1,
    escalatesAt: new Date(DUE),
    share: 0.75,
    warnAt: new Date('2023-03-13T09:00:00.000Z'),
  },
  metadata: meta('2023-03-14T09:00:00.000Z', new Date('2023-03-14T09:00:00.000Z')),
};
const decide = (command: IssueCommand, context: DecisionContext) =>
  decideIssue(command, foldIssue(events), ISSUE_ID, context);
const refusal = (command: IssueCommand, context: DecisionContext): NotYetDueError => {
  try {
    decide(command, context);
  } catch (error) {
    if (error instanceof NotYetDueError) return error;
    throw error;
  }
  throw new Error('expected NotYetDueError');
};

describe('automatic checks under a suspension (force majeure)', () => {
  const suspended: DecisionContext = {
    suspensionAt: () => ({ suspensionId: 's-typhoon', endsAt: UNTIL }),
  };

  it('escalates nothing while the issue is suspended: the check waits until the suspension ends', () => {
    const error = refusal(escalate, suspended);
    expect(error.dueAt).toEqual(UNTIL);
    expect(error.message).toContain('suspended by s-typhoon');
  });

  it('sends no warning while the issue is suspended', () => {
    expect(refusal(warn, suspended).dueAt).toEqual(UNTIL);
  });

  it('after the suspension, fires not before the time the suspension moved it to, whatever the job said', () => {
    const moved = new Date('2023-03-17T09:00:00.000Z');
    const context: DecisionContext = { automaticTiming: () => ({ at: moved, breachAt: moved }) };
    expect(refusal(escalate, context).dueAt).toEqual(moved);
    const late = { ...escalate, metadata: meta(moved.toISOString(), moved) };
    expect(decide(late, context)).toEqual([expect.objectContaining({ type: 'IssueEscalated' })]);
  });

  it('warns before the moved breach, though the item’s own due time has passed', () => {
    const breachAt = new Date('2023-03-17T09:00:00.000Z');
    const afterDue = {
      ...warn,
      metadata: meta('2023-03-15T12:00:00.000Z', new Date('2023-03-15T12:00:00.000Z')),
    };
    expect(decide(afterDue, {})).toEqual([]);
    const context: DecisionContext = {
      automaticTiming: () => ({ at: new Date('2023-03-15T11:00:00.000Z'), breachAt }),
    };
    expect(decide(afterDue, context)).toEqual([expect.objectContaining({ type: 'EscalationWarningIssued' })]);
  });
});
