import { type ExtendDeadline } from '../../src/issues/domain';
import {
  InvalidCommandError,
  NotFoundError,
  StateConflictError,
} from '../../src/shared-kernel/domain-errors';
import { ISSUE_ID, assigned, completed, extended, given, meta, reported, verified } from './given-when-then';

const at = '2023-03-09T22:00:00.000Z';
const DUE = '2023-03-15T09:00:00.000Z';
const extend = (newDueAt: string, over: Partial<ExtendDeadline['data']> = {}): ExtendDeadline => ({
  type: 'ExtendDeadline',
  data: {
    remediationId: 'r-1',
    newDueAt: new Date(newDueAt),
    reason: ' expert review pending ',
    by: { actor: 'division-head', role: 'division', name: 'division head' },
    ...over,
  },
  metadata: meta(at),
});

describe('ExtendDeadline', () => {
  it('moves the due time, keeping the previous one', () => {
    given([reported(), assigned('r-1', DUE)])
      .when(extend('2023-03-22T09:00:00.000Z'))
      .then([
        {
          type: 'DeadlineExtended',
          data: {
            issueId: ISSUE_ID,
            remediationId: 'r-1',
            previousDueAt: DUE,
            newDueAt: '2023-03-22T09:00:00.000Z',
            reason: 'expert review pending',
            approvedBy: 'division head',
            occurredAt: at,
          },
        },
      ]);
  });

  it('measures against the latest extension, not the original due time', () => {
    given([reported(), assigned('r-1', DUE), extended('r-1', DUE, '2023-03-22T09:00:00.000Z')])
      .when(extend('2023-03-20T09:00:00.000Z'))
      .thenThrows(
        InvalidCommandError,
        'newDueAt: must be later than the current due time 2023-03-22T09:00:00.000Z',
      );
  });

  it('refuses a due time not later than the current one', () => {
    given([reported(), assigned('r-1', DUE)])
      .when(extend(DUE))
      .thenThrows(InvalidCommandError, `current due time ${DUE}`);
  });

  it('refuses a due time more than five years ahead', () => {
    given([reported(), assigned('r-1', DUE)])
      .when(extend('2029-01-01T00:00:00.000Z'))
      .thenThrows(InvalidCommandError, 'newDueAt');
  });

  it('refuses a blank reason', () => {
    given([reported(), assigned('r-1', DUE)])
      .when(extend('2023-03-22T09:00:00.000Z', { reason: ' ' }))
      .thenThrows(InvalidCommandError, 'reason');
  });

  it('refuses an unknown item and a verified one', () => {
    given([reported()])
      .when(extend('2023-03-22T09:00:00.000Z'))
      .thenThrows(NotFoundError, 'remediation item r-1');
    given([reported(), assigned('r-1', DUE), completed(), verified()])
      .when(extend('2023-03-22T09:00:00.000Z'))
      .thenThrows(StateConflictError, 'verified');
  });
});
