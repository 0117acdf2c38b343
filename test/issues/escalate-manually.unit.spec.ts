import { type EscalateIssue } from '../../src/issues/domain';
import { InvalidCommandError, StateConflictError } from '../../src/shared-kernel/domain-errors';
import { ISSUE_ID, escalated, given, meta, recipient, reported } from './given-when-then';

const at = '2023-03-09T23:00:00.000Z';
const escalate = (reason = ' stalled for a week '): EscalateIssue => ({
  type: 'EscalateIssue',
  data: { by: 'bureau leader', reason },
  metadata: meta(at),
});
const escalatedTo = (level: 1 | 2 | 3) => ({
  type: 'IssueEscalated' as const,
  data: {
    issueId: ISSUE_ID,
    level,
    trigger: 'manual' as const,
    reason: 'stalled for a week',
    by: 'bureau leader',
    remediationId: null,
    dueAt: null,
    escalatedTo: recipient(level),
    occurredAt: at,
  },
});

describe('EscalateIssue (by hand)', () => {
  it('raises a fresh issue to the district bureau (level 1)', () => {
    given([reported()])
      .when(escalate())
      .then([escalatedTo(1)]);
  });

  it('raises one level above the current one', () => {
    given([reported(), escalated(1)])
      .when(escalate())
      .then([escalatedTo(2)]);
    given([reported(), escalated(2)])
      .when(escalate())
      .then([escalatedTo(3)]);
  });

  it('refuses above bureau leadership', () => {
    given([reported(), escalated(1), escalated(2), escalated(3)])
      .when(escalate())
      .thenThrows(StateConflictError, 'already at the top of the ladder (level 3, bureau leadership)');
  });

  it('refuses a blank reason', () => {
    given([reported()]).when(escalate('  ')).thenThrows(InvalidCommandError, 'reason');
  });
});
