import { type CompleteRemediation } from '../../src/issues/domain';
import { NotFoundError, StateConflictError } from '../../src/shared-kernel/domain-errors';
import { ISSUE_ID, assigned, completed, given, meta, rejected, reported, verified } from './given-when-then';

const at = '2023-03-09T20:00:00.000Z';
const complete = (remediationId = 'r-1', evidence?: string): CompleteRemediation => ({
  type: 'CompleteRemediation',
  data: { remediationId, reportedBy: ' contractor ', evidence },
  metadata: meta(at),
});

const completedEvent = (evidence: string | null = null) => ({
  type: 'RemediationCompleted' as const,
  data: { issueId: ISSUE_ID, remediationId: 'r-1', reportedBy: 'contractor', evidence, occurredAt: at },
});

describe('CompleteRemediation', () => {
  it('reports an assigned item done, with its evidence', () => {
    given([reported(), assigned()])
      .when(complete('r-1', ' photos '))
      .then([completedEvent('photos')]);
  });

  it('reports a rejected item done again', () => {
    given([reported(), assigned(), completed(), rejected()]).when(complete()).then([completedEvent()]);
  });

  it('refuses an unknown item, naming it and the issue', () => {
    given([reported(), assigned()])
      .when(complete('r-9'))
      .thenThrows(NotFoundError, `remediation item r-9 does not exist on issue ${ISSUE_ID}`);
  });

  it('refuses an item already completed', () => {
    given([reported(), assigned(), completed()])
      .when(complete())
      .thenThrows(StateConflictError, 'awaits verification');
  });

  it('refuses a verified item', () => {
    given([reported(), assigned(), completed(), verified()])
      .when(complete())
      .thenThrows(
        StateConflictError,
        'remediation item r-1 is verified; a verified item cannot be completed again',
      );
  });
});
