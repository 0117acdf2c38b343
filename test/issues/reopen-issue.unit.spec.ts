import { type ReopenIssue } from '../../src/issues/domain';
import { InvalidCommandError, StateConflictError } from '../../src/shared-kernel/domain-errors';
import { ISSUE_ID, closed, given, meta, reported } from './given-when-then';

const at = '2023-03-10T01:30:00.000Z';
const reopen = (reason = ' the petitioner complained again '): ReopenIssue => ({
  type: 'ReopenIssue',
  data: { by: 'district bureau', reason },
  metadata: meta(at),
});

describe('ReopenIssue', () => {
  it('reopens a closed issue with the reason', () => {
    given([reported(), closed()])
      .when(reopen())
      .then([
        {
          type: 'IssueReopened',
          data: {
            issueId: ISSUE_ID,
            by: 'district bureau',
            reason: 'the petitioner complained again',
            occurredAt: at,
          },
        },
      ]);
  });

  it('refuses to reopen an issue that is not closed', () => {
    given([reported()]).when(reopen()).thenThrows(StateConflictError, 'only a closed issue can be reopened');
  });

  it('refuses a blank reason', () => {
    given([reported(), closed()]).when(reopen('')).thenThrows(InvalidCommandError, 'reason');
  });
});
