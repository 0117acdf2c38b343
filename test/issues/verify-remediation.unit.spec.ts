import { type VerifyRemediation } from '../../src/issues/domain';
import { NotFoundError, StateConflictError } from '../../src/shared-kernel/domain-errors';
import { ISSUE_ID, assigned, completed, given, meta, rejected, reported, verified } from './given-when-then';

const at = '2023-03-09T21:00:00.000Z';
const verify = (accepted: boolean, remediationId = 'r-1'): VerifyRemediation => ({
  type: 'VerifyRemediation',
  data: {
    remediationId,
    verifiedBy: 'group-huli',
    accepted,
    comment: accepted ? null : ' roads still soiled ',
  },
  metadata: meta(at),
});

describe('VerifyRemediation', () => {
  const done = [reported(), assigned(), completed()];

  it('accepts completed work', () => {
    given(done)
      .when(verify(true))
      .then([
        {
          type: 'RemediationVerified',
          data: {
            issueId: ISSUE_ID,
            remediationId: 'r-1',
            verifiedBy: 'group-huli',
            comment: null,
            occurredAt: at,
          },
        },
      ]);
  });

  it('rejects completed work back to the responsible unit, with the comment', () => {
    given(done)
      .when(verify(false))
      .then([
        {
          type: 'RemediationRejected',
          data: {
            issueId: ISSUE_ID,
            remediationId: 'r-1',
            verifiedBy: 'group-huli',
            comment: 'roads still soiled',
            occurredAt: at,
          },
        },
      ]);
  });

  it('refuses an unknown item', () => {
    given(done).when(verify(true, 'r-2')).thenThrows(NotFoundError, 'remediation item r-2 does not exist');
  });

  it('refuses work not reported done', () => {
    given([reported(), assigned()])
      .when(verify(true))
      .thenThrows(StateConflictError, 'must be reported completed');
    given([...done, rejected()])
      .when(verify(true))
      .thenThrows(StateConflictError, 'is rejected');
  });

  it('refuses an item already verified', () => {
    given([...done, verified()])
      .when(verify(false))
      .thenThrows(StateConflictError, 'already verified');
  });
});
